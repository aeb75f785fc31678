'use client';

import type { ChartSettings } from '@/lib/track/compare/compare-url';
import type { CompareRun } from '@/lib/track/compare/compare-run';
import type { CompareSource } from './compare-source';
import { CompareChart } from './compare-chart';
import { useMetricLines } from './use-metric-lines';

/** One metric of the run set: its histories fetched, then drawn (a compare view's cell or a report's chart block). */
export function MetricPanel({ source, runs, colors, metric, settings, groupOf }: { source: CompareSource; runs: CompareRun[]; colors: Map<string, string>; metric: string; settings: ChartSettings; groupOf?: (runId: string) => string }) {
  const state = useMetricLines(source, runs, metric, colors);
  if (state.status === 'loading') {
    return (
      <div role="status" className="flex h-60 items-center justify-center rounded-lg border border-zinc-200 bg-white text-xs text-zinc-500">
        {metric}: loading {state.done} of {state.total} runs…
      </div>
    );
  }
  return (
    <div>
      {state.lines.length > 0 ? <CompareChart metric={metric} lines={state.lines} settings={settings} groupOf={groupOf} /> : <p className="text-sm text-zinc-500">{metric}: no run has points.</p>}
      {state.errors.length > 0 && <p role="alert" className="mt-1 text-xs text-red-600">Not drawn: {state.errors.join('; ')}</p>}
    </div>
  );
}
