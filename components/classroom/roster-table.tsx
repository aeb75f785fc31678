import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/card';
import { formatRelative } from '@/components/ui/format';
import type { RosterRow } from '@/lib/classroom/api';

const STATE_TONE: Record<RosterRow['state'], BadgeTone> = { idle: 'neutral', running: 'blue', finished: 'green', crashed: 'red' };

/** Who joined, who is online, and what each student's latest run is doing. */
export function RosterTable({ rows }: { rows: RosterRow[] }) {
  if (rows.length === 0) return <EmptyState title="Nobody has joined yet">Students appear here as soon as they type a name.</EmptyState>;
  const online = rows.filter((r) => r.online).length;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm" aria-label="Roster" data-testid="roster">
        <caption className="sr-only">{`${rows.length} students, ${online} online`}</caption>
        <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
          <tr>
            {['Student', 'State', 'Runs', 'Latest run'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>
            ))}
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {[...rows].sort((a, b) => a.name.localeCompare(b.name)).map((r) => (
            <tr key={r.studentId} className="border-t border-zinc-100" data-student={r.name}>
              <td className="px-3 py-2">
                <span className="inline-flex items-center gap-2 font-medium text-zinc-900">
                  <span aria-hidden className={`size-2 shrink-0 rounded-full ${r.online ? 'bg-emerald-500' : 'bg-zinc-300'}`} title={r.online ? 'online' : 'offline'} />
                  <span className="whitespace-nowrap">{r.name}</span>
                  <span className="sr-only">{r.online ? '(online)' : '(offline)'}</span>
                </span>
              </td>
              <td className="px-3 py-2"><Badge tone={STATE_TONE[r.state]} dot>{r.state}</Badge></td>
              <td className="px-3 py-2 tabular-nums">{r.runs}</td>
              <td className="px-3 py-2">
                {r.latestRunId ? (
                  <Link href={`/runs/${encodeURIComponent(r.latestRunId)}`} className="font-mono text-xs text-accent-700 hover:underline">{r.latestRunId.slice(0, 13)}…</Link>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </td>
              <td className="hidden px-3 py-2 text-xs text-zinc-600 sm:table-cell">{r.lastSeenAt === null ? 'never' : formatRelative(r.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
