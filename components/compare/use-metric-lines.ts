'use client';

import { useEffect, useState } from 'react';
import type { CompareRun } from '@/lib/track/compare/compare-run';
import type { RunLine } from '@/lib/track/compare/chart-lines';
import { pointsPerRun } from '@/lib/track/compare/compare-url';
import type { CompareSource } from './compare-source';

export type MetricLinesState = { status: 'loading'; done: number; total: number } | { status: 'ready'; lines: RunLine[]; errors: string[] };

/** How often a chart with many runs redraws while its histories arrive (ms). */
const PROGRESS_MS = 300;

/**
 * The (downsampled) history of one metric for every run that logged it, read through the
 * source's cache and gate. Points per run shrink as runs are added (`pointsPerRun`), so a chart
 * of 100 runs draws about 20,000 points, not 100 × 1,000.
 */
export function useMetricLines(source: CompareSource, runs: CompareRun[], metric: string, colors: Map<string, string>): MetricLinesState {
  const [state, setState] = useState<MetricLinesState>({ status: 'loading', done: 0, total: 0 });
  const withKey = runs.filter((r) => Object.hasOwn(r.metrics, metric));
  const ids = withKey.map((r) => r.id).join(',');
  useEffect(() => {
    let live = true;
    const maxPoints = pointsPerRun(withKey.length);
    let done = 0;
    let last = 0;
    setState({ status: 'loading', done: 0, total: withKey.length });
    Promise.allSettled(
      withKey.map(async (run) => {
        const h = await source.history(run.id, metric, maxPoints);
        done++;
        if (live && Date.now() - last > PROGRESS_MS) {
          last = Date.now();
          setState({ status: 'loading', done, total: withKey.length });
        }
        return { id: run.id, name: run.name, color: colors.get(run.id) ?? '#71717a', points: h.points } satisfies RunLine;
      }),
    ).then((results) => {
      if (!live) return;
      const lines = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const errors = results.flatMap((r, i) => (r.status === 'rejected' ? [`${withKey[i].name}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : []));
      setState({ status: 'ready', lines, errors });
    });
    return () => {
      live = false;
    };
    // `ids` stands for withKey (a new array of the same runs must not refetch).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, metric, ids, colors]);
  return state;
}
