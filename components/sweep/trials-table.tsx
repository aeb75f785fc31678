import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { TrialRunLink } from '@/lib/sweep/api';
import { buildSearchSpace, dimensionName, readDimension } from '@/lib/sweep/space';
import type { SweepState, TrialStatus } from '@/lib/sweep/sweep-state';

const TONE: Record<TrialStatus, BadgeTone> = {
  pending: 'neutral',
  leased: 'blue',
  running: 'blue',
  finished: 'green',
  stopped: 'amber',
  failed: 'red',
};

const fmt = (v: unknown) => {
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/** Every trial: its config, status, result and why it ended; `selected` dims trials outside the brushes. */
export function TrialsTable({ state, runs, selected }: { state: SweepState; runs: TrialRunLink[]; selected: Set<string> | null }) {
  const dims = buildSearchSpace(state.spec.parameters).dimensions.filter((d) => d.kind !== 'constant');
  const metricName = state.spec.metric?.name ?? 'metric';
  // Focusable: on a phone the table scrolls sideways, and a keyboard must be able to scroll it too.
  return (
    <div role="region" aria-label="Trials table" tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-xs" aria-label="Trials" data-testid="trials-table">
        <thead className="bg-zinc-50 text-left text-zinc-500">
          <tr>
            <th className="px-3 py-2 font-medium">Trial</th>
            <th className="px-3 py-2 font-medium">Status</th>
            {dims.map((d) => (
              <th key={dimensionName(d)} className="px-3 py-2 font-mono font-medium">{dimensionName(d)}</th>
            ))}
            <th className="px-3 py-2 font-mono font-medium">{metricName}</th>
            <th className="px-3 py-2 font-medium" title="Epochs reported by the current attempt">Epochs</th>
            <th className="px-3 py-2 font-medium">Agent</th>
            <th className="px-3 py-2 font-medium">Run</th>
            <th className="px-3 py-2 font-medium">Why it ended</th>
          </tr>
        </thead>
        <tbody>
          {state.trials.map((t) => {
            const dim = selected !== null && !selected.has(t.id);
            const trialRuns = runs.filter((r) => r.trialId === t.id);
            return (
              <tr key={t.id} data-trial-id={t.id} data-status={t.status} className={`border-t border-zinc-100 ${dim ? 'opacity-35' : ''}`}>
                <td className="px-3 py-1.5 font-mono whitespace-nowrap text-zinc-800">{t.id}</td>
                <td className="px-3 py-1.5">
                  <Badge tone={TONE[t.status]} dot title={t.reason ?? undefined}>{t.status}</Badge>
                  {t.attempt > 1 && <span className="ml-1 text-zinc-500" title="Leased again after a lease expired">×{t.attempt}</span>}
                </td>
                {dims.map((d) => (
                  <td key={dimensionName(d)} className="px-3 py-1.5 tabular-nums">{fmt(readDimension(t.config, d))}</td>
                ))}
                <td className="px-3 py-1.5 font-medium tabular-nums">{t.metric === null ? (t.values.length ? <span className="text-zinc-500">{fmt(t.values.at(-1))}</span> : '—') : fmt(t.metric)}</td>
                <td className="px-3 py-1.5 tabular-nums">{t.epochs.length || '—'}</td>
                <td className="max-w-32 truncate px-3 py-1.5 font-mono text-zinc-500" title={t.agents.join(', ')}>{t.agentId ?? '—'}</td>
                <td className="px-3 py-1.5">
                  {trialRuns.length === 0
                    ? '—'
                    : trialRuns.map((r) => (
                        <Link key={r.runId} href={`/runs/${encodeURIComponent(r.runId)}`} className="mr-1 font-mono text-accent-700 hover:underline" title={`attempt ${r.attempt} by ${r.agentId}`}>
                          {r.runId.slice(-6)}
                        </Link>
                      ))}
                </td>
                <td className="max-w-md px-3 py-1.5 text-zinc-600">{t.reason ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
