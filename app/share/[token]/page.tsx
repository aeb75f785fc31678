import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SharedRunView } from '@/components/share/shared-run-view';
import { SharedReportView } from '@/components/reports/shared-report-view';
import { sharedTrackingServer } from '@/lib/server/app';
import { ShareToken } from '@/lib/track/api';

/** Share links are unguessable: keep them out of search engines and out of Referer headers. */
export const metadata: Metadata = { title: 'Shared run', robots: { index: false, follow: false }, referrer: 'no-referrer' };

/**
 * The read-only page of a share link (a run's or a report's). A link that is unknown, revoked or whose run was deleted
 * answers 404 here already; the view then reads the run from the API (the same check again).
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const token = ShareToken.safeParse(decodeURIComponent((await params).token));
  if (!token.success) notFound();
  // When the database is unreachable the page still renders and the view says so.
  const server = await sharedTrackingServer().catch(() => undefined);
  if (server && !(await server.services.shares.resolve(token.data))) {
    // Not a run's link: a report's, or none.
    if (await server.services.shares.resolveReport(token.data)) return <SharedReportView token={token.data} />;
    notFound();
  }
  return <SharedRunView token={token.data} />;
}
