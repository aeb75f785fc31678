import type { Metadata } from 'next';
import { SharedRunView } from '@/components/share/shared-run-view';

/** Share links are unguessable: keep them out of search engines and out of Referer headers. */
export const metadata: Metadata = { title: 'Shared run', robots: { index: false, follow: false }, referrer: 'no-referrer' };

export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SharedRunView token={decodeURIComponent(token)} />;
}
