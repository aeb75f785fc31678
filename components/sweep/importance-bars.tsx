import type { ParameterImportance } from '@/lib/sweep/analysis';

const pct = (v: number) => `${Math.round(v * 100)}%`;

/**
 * Parameter importance as W&B shows it: a random forest's share of the metric's variance per
 * parameter (bar), and the correlation with the metric (signed bar: positive raises the metric).
 */
export function ImportanceBars({ rows, metricName, minTrials }: { rows: ParameterImportance[]; metricName: string; minTrials: boolean }) {
  if (rows.length === 0) {
    return <p className="text-xs text-zinc-500">{minTrials ? 'No parameter varied enough to rank.' : 'Needs at least 3 trials with a result.'}</p>;
  }
  // The forest needs a few trials per split; with fewer it attributes nothing to any parameter.
  const noForest = rows.every((r) => r.importance === 0);
  return (
    <>
      {noForest && <p className="mb-1 text-xs text-zinc-500">Too few trials for forest importance yet; correlations only.</p>}
      <table className="w-full text-xs" aria-label="Parameter importance">
        <thead className="text-left text-zinc-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Parameter</th>
            <th className="w-2/5 py-1 pr-3 font-medium" title="Random-forest importance (mean decrease in squared error), summing to 100%">
              Importance
            </th>
            <th className="w-2/5 py-1 font-medium" title={`Pearson correlation with ${metricName} (log of log-scale parameters)`}>
              Correlation with {metricName}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.feature} className="border-t border-zinc-100">
              <td className="py-1 pr-3 font-mono text-zinc-800">{r.feature}</td>
              <td className="py-1 pr-3">
                <div className="flex items-center gap-2">
                  <div className="h-2.5 flex-1 rounded-sm bg-zinc-100">
                    <div className="h-2.5 rounded-sm bg-accent-500" style={{ width: pct(r.importance) }} />
                  </div>
                  <span className="w-9 text-right tabular-nums text-zinc-600">{noForest ? '—' : pct(r.importance)}</span>
                </div>
              </td>
              <td className="py-1">
                {r.pearson === null ? (
                  <span className="text-zinc-500">—</span>
                ) : (
                  <div className="flex items-center gap-2">
                    <div className="relative h-2.5 flex-1 rounded-sm bg-zinc-100">
                      <div className="absolute top-0 left-1/2 h-2.5 w-px bg-zinc-300" />
                      <div
                        className={`absolute top-0 h-2.5 rounded-sm ${r.pearson >= 0 ? 'bg-emerald-500' : 'bg-red-500'}`}
                        style={r.pearson >= 0 ? { left: '50%', width: pct(r.pearson / 2) } : { right: '50%', width: pct(-r.pearson / 2) }}
                      />
                    </div>
                    <span className="w-10 text-right tabular-nums text-zinc-600">{r.pearson.toFixed(2)}</span>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
