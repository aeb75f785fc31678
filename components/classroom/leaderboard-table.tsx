import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatMetric } from '@/components/ui/format';
import type { Leaderboard, LeaderboardRow } from '@/lib/classroom/api';
import type { StreamState } from '@/lib/classroom/leaderboard-stream';

/** "webgpu · Apple M2" / "webgl" / "—": what the student's best run trained on. */
export function backendLabel(row: Pick<LeaderboardRow, 'backend' | 'adapter'>): string {
  if (!row.backend) return '—';
  return row.adapter ? `${row.backend} · ${row.adapter}` : row.backend;
}

export const goalArrow = (goal: 'min' | 'max') => (goal === 'max' ? '↑ higher is better' : '↓ lower is better');

const STREAM_BADGE: Record<StreamState, { tone: 'green' | 'amber' | 'neutral' | 'red'; text: string }> = {
  connecting: { tone: 'neutral', text: 'connecting' },
  live: { tone: 'green', text: 'live' },
  reconnecting: { tone: 'amber', text: 'reconnecting (polling)' },
  ended: { tone: 'neutral', text: 'class ended' },
  refused: { tone: 'red', text: 'stream refused (polling)' },
};

export function StreamBadge({ state, detail }: { state: StreamState; detail: string | null }) {
  const b = STREAM_BADGE[state];
  return <Badge tone={b.tone} dot title={detail ?? undefined}>{b.text}</Badge>;
}

/** Best run per student, ranked (the server ranks; ties share a rank). */
export function LeaderboardTable({ board, label }: { board: Leaderboard; label: string }) {
  if (board.rows.length === 0) return <p className="text-sm text-zinc-600">No student has logged <span className="font-mono">{board.metric}</span> yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm" aria-label={label} data-testid="leaderboard">
        <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">#</th>
            <th scope="col" className="px-3 py-2 font-medium">Student</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">{board.metric}</th>
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Step</th>
            <th scope="col" className="px-3 py-2 font-medium">Trained on</th>
            <th scope="col" className="px-3 py-2 font-medium">Run</th>
          </tr>
        </thead>
        <tbody>
          {board.rows.map((r) => (
            <tr key={r.studentId} className="border-t border-zinc-100" data-student={r.studentName}>
              <td className="px-3 py-2 tabular-nums">{r.rank}</td>
              <td className="px-3 py-2 font-medium whitespace-nowrap text-zinc-900">{r.studentName}</td>
              <td className="px-3 py-2 text-right font-mono tabular-nums">{formatMetric(r.value)}</td>
              <td className="hidden px-3 py-2 tabular-nums text-zinc-600 sm:table-cell">{r.step}</td>
              <td className="px-3 py-2 text-xs whitespace-nowrap text-zinc-700">{backendLabel(r)}</td>
              <td className="px-3 py-2">
                <Link href={`/runs/${encodeURIComponent(r.runId)}`} className="text-xs text-accent-700 hover:underline">{r.runName || r.runId}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
