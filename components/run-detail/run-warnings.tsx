'use client';

import { useMemo } from 'react';
import { Alert } from '@/components/ui/card';
import { formatMetric } from '@/components/ui/format';
import { WARNING_KEYS } from '@/lib/bench/watch/run-health';
import type { MetricKeySummary, RunHistory, RunSource } from '@/lib/track/run-source/run-source';
import { useRunHistories } from './use-run-source';

/** One sentence per warning kind, from its points (value meanings: lib/bench/watch/run-health.ts). */
function describe(key: string, points: RunHistory['points']): string {
  const first = points[0];
  const last = points[points.length - 1];
  switch (key) {
    case WARNING_KEYS.tensorLeak:
      return `Tensor leak: tf.memory().numTensors grew at every step (+${formatMetric(last.value)} tensors by step ${last.step}, first flagged at step ${first.step}). Dispose what each step creates, or wrap it in tf.tidy().`;
    case WARNING_KEYS.nonFiniteLoss:
      return `Loss became ${first.value} at step ${first.step}.`;
    case WARNING_KEYS.divergence:
      return `Loss diverged at step ${first.step}: ${formatMetric(first.value)}× its minimum so far.`;
    default:
      return `${key.slice('warn/'.length)} at step ${first.step}: ${formatMetric(first.value)}`;
  }
}

/** What the browser found wrong while the run trained (warn/… metric points), above its charts. */
export function RunWarnings({ source, metricKeys }: { source: RunSource; metricKeys: readonly MetricKeySummary[] }) {
  const keys = useMemo(() => metricKeys.filter((k) => k.key.startsWith('warn/')).map((k) => k.key), [metricKeys]);
  const revisions = useMemo(() => new Map(metricKeys.map((k) => [k.key, k.count])), [metricKeys]);
  const histories = useRunHistories(source, keys, revisions, 100);
  if (keys.length === 0) return null;
  return (
    <div className="mb-6 space-y-2" data-testid="run-warnings">
      {keys.map((key, i) => {
        const points = histories[i].data?.points ?? [];
        return (
          <Alert key={key} tone="amber" title={`Warning: ${key.slice('warn/'.length).replace(/_/g, ' ')}`}>
            {points.length > 0 ? describe(key, points) : `${metricKeys.find((k) => k.key === key)?.count ?? 0} occurrence(s)`}
          </Alert>
        );
      })}
    </div>
  );
}
