'use client';

import { useMemo } from 'react';
import { formatValue } from '@/components/ui/format';
import type { CompareRun } from '@/lib/track/compare/compare-run';
import { configDiff } from '@/lib/track/compare/config-diff';

/**
 * The runs' configs side by side: by default only the keys whose values differ (what changed
 * between the runs), or every key with the differing ones marked.
 */
export function ConfigDiffTable({ runs, colors, all, onToggleAll }: { runs: CompareRun[]; colors: Map<string, string>; all: boolean; onToggleAll?: (all: boolean) => void }) {
  const rows = useMemo(() => configDiff(runs.map((r) => r.params), { onlyDiffering: !all }), [runs, all]);
  return (
    <div className="space-y-2">
      {onToggleAll && (
        <label className="flex items-center gap-2 text-sm text-zinc-700">
          <input type="checkbox" checked={all} onChange={(e) => onToggleAll(e.currentTarget.checked)} />
          Show every key (not only those that differ)
        </label>
      )}
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">{all ? 'No config was recorded.' : 'The runs have the same config.'}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
          <table className="w-full text-xs" data-testid="config-diff">
            <caption className="sr-only">Config of the compared runs</caption>
            <thead className="bg-zinc-50 text-left text-zinc-600">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium">key</th>
                {runs.map((r) => (
                  <th key={r.id} scope="col" className="px-3 py-1.5 font-medium whitespace-nowrap">
                    <span aria-hidden className="mr-1.5 inline-block size-2 rounded-full" style={{ backgroundColor: colors.get(r.id) }} />
                    {r.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 font-mono">
              {rows.map((row) => (
                <tr key={row.key} data-differs={row.differs ? 'true' : 'false'} className={row.differs && all ? 'bg-amber-50/60' : undefined}>
                  <th scope="row" className="px-3 py-1.5 text-left font-medium text-zinc-600">{row.key}</th>
                  {row.values.map((v, i) => (
                    <td key={runs[i].id} className="px-3 py-1.5 break-all text-zinc-900">{v === undefined ? <span className="text-zinc-400">—</span> : formatValue(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
