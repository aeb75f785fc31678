'use client';

import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CompareRun } from '@/lib/track/compare/compare-run';
import type { RunLine } from '@/lib/track/compare/chart-lines';
import { pointsPerRun } from '@/lib/track/compare/compare-url';
import type { CompareSource } from './compare-source';

export type MetricLinesState = { status: 'loading'; done: number; total: number } | { status: 'ready'; lines: RunLine[]; errors: string[] };

/** How often a chart with many runs redraws while its histories arrive (ms). */
const PROGRESS_MS = 300;

/**
 * The (downsampled) history of one metric for every run that logged it, read through the
 * source's cache and gate, as one query of the data layer. Points per run shrink as runs are
 * added (`pointsPerRun`), so a chart of 100 runs draws about 20,000 points, not 100 × 1,000.
 */
export function useMetricLines(source: CompareSource, runs: CompareRun[], metric: string, colors: Map<string, string>): MetricLinesState {
  const withKey = useMemo(() => runs.filter((r) => Object.hasOwn(r.metrics, metric)), [runs, metric]);
  const [progress, setProgress] = useState(0);
  const maxPoints = pointsPerRun(withKey.length);
  const q = useQuery({
    // The ids stand for withKey: a new array of the same runs must not refetch.
    queryKey: ['compare', source.id, 'lines', metric, maxPoints, withKey.map((r) => r.id).join(',')],
    staleTime: Infinity,
    queryFn: async () => {
      let done = 0;
      let last = 0;
      const results = await Promise.allSettled(
        withKey.map(async (run) => {
          const h = await source.history(run.id, metric, maxPoints);
          if (++done && Date.now() - last > PROGRESS_MS) setProgress((last = Date.now(), done));
          return { id: run.id, name: run.name, points: h.points };
        }),
      );
      const lines = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const errors = results.flatMap((r, i) => (r.status === 'rejected' ? [`${withKey[i].name}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : []));
      return { lines, errors };
    },
  });
  const lines = useMemo(() => q.data?.lines.map((l): RunLine => ({ ...l, color: colors.get(l.id) ?? '#71717a' })), [q.data, colors]);
  if (!q.data || !lines) return { status: 'loading', done: progress, total: withKey.length };
  return { status: 'ready', lines, errors: q.data.errors };
}
