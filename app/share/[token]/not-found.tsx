import { EmptyState } from '@/components/ui/card';
import { MISSING_SHARE } from '@/components/share/missing-share';

/** A share link that is unknown, revoked or of a deleted run: HTTP 404, with the view's own words. */
export default function ShareNotFound() {
  return <EmptyState title={MISSING_SHARE.title}>{MISSING_SHARE.text}</EmptyState>;
}
