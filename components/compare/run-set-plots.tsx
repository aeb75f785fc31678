'use client';

import { useMemo, useState } from 'react';
import { ParallelCoordinates } from '@/components/sweep/parallel-coordinates';
import { buildRunSetModel, lowerIsBetter } from '@/lib/sweep/run-set-parallel';
import type { TrialStatus } from '@/lib/sweep/sweep-state';
import type { CompareRun } from '@/lib/track/compare/compare-run';
import { configDiff } from '@/lib/track/compare/config-diff';
import { ParamScatter } from './param-scatter';

/** Axes past this crowd the parallel coordinates unreadably: the first ones (sorted) are drawn. */
const MAX_AXES = 10;

const trialStatus = (s: CompareRun['status']): TrialStatus => (s === 'crashed' ? 'failed' : s);

/**
 * The run set's params against a metric: parallel coordinates over the params that differ (the
 * sweep view's component, fed runs instead of trials) and a scatter of one param against it.
 */
export function RunSetPlots({ runs, colors, metricKeys }: { runs: CompareRun[]; colors: Map<string, string>; metricKeys: string[] }) {
  const [metric, setMetric] = useState(metricKeys[0] ?? '');
  const differing = useMemo(() => configDiff(runs.map((r) => r.params), { onlyDiffering: true }).map((r) => r.key), [runs]);
  const numeric = differing.filter((k) => runs.some((r) => typeof r.params[k] === 'number'));
  const [param, setParam] = useState(numeric[0] ?? '');
  const model = useMemo(
    () =>
      buildRunSetModel({
        runs: runs.map((r) => ({ id: r.id, status: trialStatus(r.status), params: r.params, metric: r.metrics[metric]?.last ?? null })),
        paramKeys: differing.slice(0, MAX_AXES),
        metricKey: metric,
        minimize: lowerIsBetter(metric),
      }),
    [runs, differing, metric],
  );
  if (!metric) return <p className="text-sm text-zinc-500">The runs logged no metrics.</p>;
  const select = 'rounded border border-zinc-300 bg-white px-2 py-1 text-sm';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-4 text-sm text-zinc-700">
        <label className="flex items-center gap-2">
          Metric (last value)
          <select className={select} value={metric} onChange={(e) => setMetric(e.currentTarget.value)}>
            {metricKeys.map((k) => <option key={k}>{k}</option>)}
          </select>
        </label>
        {numeric.length > 0 && (
          <label className="flex items-center gap-2">
            Scatter against
            <select className={select} value={param} onChange={(e) => setParam(e.currentTarget.value)}>
              {numeric.map((k) => <option key={k}>{k}</option>)}
            </select>
          </label>
        )}
      </div>
      {differing.length === 0 ? (
        <p className="text-sm text-zinc-500">The runs have the same config: nothing to plot against {metric}.</p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
          <ParallelCoordinates model={model} noun="runs" />
          {param && <ParamScatter runs={runs} colors={colors} param={param} metric={metric} />}
        </div>
      )}
    </div>
  );
}
