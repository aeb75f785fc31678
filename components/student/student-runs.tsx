'use client';

import Link from 'next/link';
import { Alert, EmptyState, Section, Spinner } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { formatMetric, formatRelative } from '@/components/ui/format';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { useAsync } from '@/components/store/use-async';
import type { ClassStudentView } from '@/lib/classroom/api';
import { studentApi } from '@/lib/classroom/student-client';

/** The student's own runs on the server (stamped with their name when their browser synced them). */
export function StudentRuns({ me }: { me: ClassStudentView }) {
  const [runs, reload] = useAsync(() => studentApi.myRuns(), [me.studentId]);
  return (
    <Section title="My runs" id="my-runs" actions={<Button size="sm" onClick={reload}>Refresh</Button>}>
      {runs.status === 'loading' && <Spinner label="Loading your runs" />}
      {runs.status === 'error' && <Alert title="Could not load your runs">{runs.error}</Alert>}
      {runs.status === 'ready' && runs.value.length === 0 && <EmptyState title="No runs yet">Open an assignment and press Run all: your runs show here once they reached the server.</EmptyState>}
      {runs.status === 'ready' && runs.value.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Run</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Last values</th>
                <th scope="col" className="px-4 py-2 font-medium">Started</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {runs.value.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-2">
                    <Link href={`/runs/${encodeURIComponent(r.id)}`} className="font-medium text-accent-700 hover:underline">{r.name}</Link>
                  </td>
                  <td className="px-4 py-2"><RunStatusBadge status={r.status} reason={r.statusReason} /></td>
                  <td className="px-4 py-2 font-mono text-xs text-zinc-700">
                    {Object.entries(r.summary).slice(0, 3).map(([k, s]) => `${k} ${formatMetric(s.last)}`).join(' · ') || '—'}
                  </td>
                  <td className="px-4 py-2 text-zinc-500">{formatRelative(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
