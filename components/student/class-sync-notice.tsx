'use client';

import Link from 'next/link';
import { Alert } from '@/components/ui/card';
import { useSyncStatus } from '@/components/sync/use-sync-status';
import type { AgentStatus } from '@/lib/track/sync-controller';

/** What a student should read when the class server refuses or slows down their runs; null when all is well. */
export function classSyncProblem(status: AgentStatus): { tone: 'red' | 'amber'; title: string; body: React.ReactNode } | null {
  if (!status.enabled || !status.leader || !status.lastError) return null;
  const queued = `${status.queued} batch${status.queued === 1 ? '' : 'es'} of your runs wait in this browser`;
  switch (status.lastHttpStatus) {
    case 429:
      return { tone: 'amber', title: 'Your runs are sent more slowly', body: <>The class server limits how fast one student may send ({status.lastError}). Nothing is lost: {queued} and follow as the limit allows.</> };
    case 401:
      return { tone: 'red', title: 'The class server does not know this browser', body: <>Your runs stay here ({queued}). <Link href="/join" className="underline underline-offset-2">Join the class again</Link> to send them.</> };
    case 403:
      return /ended/i.test(status.lastError)
        ? { tone: 'amber', title: 'This class has ended', body: <>New runs stay in this browser ({queued}).</> }
        : { tone: 'red', title: 'The class server refused your runs', body: <>{status.lastError}. They stay in this browser ({queued}).</> };
    default:
      return null;
  }
}

/** A sentence on the student's pages when syncing their runs is refused (401/403) or rate limited (429). */
export function ClassSyncNotice() {
  const problem = classSyncProblem(useSyncStatus());
  if (!problem) return null;
  return (
    <div className="mb-4" data-testid="class-sync-notice">
      <Alert tone={problem.tone} title={problem.title}>{problem.body}</Alert>
    </div>
  );
}
