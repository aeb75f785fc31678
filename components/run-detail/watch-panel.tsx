'use client';

import { useId, useMemo, useState } from 'react';
import { Section } from '@/components/ui/card';
import { formatMetric } from '@/components/ui/format';
import type { MetricKeySummary, RunSource } from '@/lib/track/run-source/run-source';
import { quantileSeries, watchIndex, type ActivationSummary, type WatchedTensor } from '@/lib/runs/watch-series';
import { useRunHistories } from './use-run-source';
import { DistributionChart, HistogramChart } from './watch-charts';

const KIND_LABEL = { w: 'weights', g: 'gradients' } as const;
const MAX_POINTS = 1_000;

function ActivationTable({ rows }: { rows: ActivationSummary[] }) {
  return (
    <table className="text-xs">
      <caption className="mb-1 text-left font-medium text-zinc-700">Activations (last logged step)</caption>
      <thead className="text-zinc-600">
        <tr>
          {['layer', 'mean', 'std', 'zero fraction'].map((h) => (
            <th key={h} scope="col" className="px-2 py-1 text-left font-medium">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody className="font-mono">
        {rows.map((r) => (
          <tr key={r.layer}>
            <th scope="row" className="px-2 py-0.5 text-left font-normal">{r.layer}</th>
            <td className="px-2 py-0.5 text-right">{formatMetric(r.stats.mean)}</td>
            <td className="px-2 py-0.5 text-right">{formatMetric(r.stats.std)}</td>
            <td className="px-2 py-0.5 text-right">{formatMetric(r.stats.zero)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One tensor's bands over steps and its histogram at a chosen step (reads only its nine percentile series). */
function TensorView({ source, tensor, revisions, stepInputId }: { source: RunSource; tensor: WatchedTensor; revisions: ReadonlyMap<string, number>; stepInputId: string }) {
  const histories = useRunHistories(source, tensor.keys, revisions, MAX_POINTS);
  const loaded = histories.every((h) => h.data);
  const series = useMemo(() => (loaded ? quantileSeries(histories.map((h) => h.data!.points)) : null), [loaded, histories]);
  const [stepIndex, setStepIndex] = useState<number | null>(null);
  if (!series) return <p className="text-sm text-zinc-500">Loading {tensor.tensor}…</p>;
  if (series.steps.length === 0) return <p className="text-sm text-zinc-500">No complete step logged for {tensor.tensor} yet.</p>;
  const at = Math.min(stepIndex ?? series.steps.length - 1, series.steps.length - 1);
  const label = `${tensor.tensor} (${KIND_LABEL[tensor.kind]})`;
  return (
    <div className="space-y-3">
      <label htmlFor={stepInputId} className="flex w-fit flex-col gap-1 text-sm">
        <span className="text-xs text-zinc-600">Histogram at step {series.steps[at]}</span>
        <input id={stepInputId} type="range" min={0} max={series.steps.length - 1} value={at} onChange={(e) => setStepIndex(Number(e.target.value))} aria-valuetext={`step ${series.steps[at]}`} />
      </label>
      <div className="grid gap-4 lg:grid-cols-2">
        <figure>
          <figcaption className="mb-1 text-xs text-zinc-600">Distribution over steps: min–max, 7–93 %, 16–84 %, 31–69 % bands and the median</figcaption>
          <DistributionChart series={series} label={`Distribution of ${label}`} />
        </figure>
        <figure>
          <figcaption className="mb-1 text-xs text-zinc-600">Histogram at step {series.steps[at]} (bins between percentiles; area = share of values)</figcaption>
          <HistogramChart quantiles={series.rows[at]} label={`Histogram of ${label} at step ${series.steps[at]}`} />
        </figure>
      </div>
    </div>
  );
}

/**
 * "Inside the model": what bench.watch logged (watch/… metric keys), TensorBoard-style: a
 * tensor's percentile bands over steps, its histogram at a chosen step, and the last activation
 * statistics. Renders nothing for runs that were not watched.
 */
export function WatchPanel({ source, metricKeys }: { source: RunSource; metricKeys: readonly MetricKeySummary[] }) {
  const { tensors, activations } = useMemo(() => watchIndex(metricKeys), [metricKeys]);
  const revisions = useMemo(() => new Map(metricKeys.map((k) => [k.key, k.count])), [metricKeys]);
  const [chosen, setChosen] = useState<string | null>(null);
  const ids = useId();
  if (tensors.length === 0 && activations.length === 0) return null;
  const tensor = tensors.find((t) => t.id === chosen) ?? tensors[0];
  return (
    <Section id="inside-the-model" title="Inside the model">
      <div className="space-y-4" data-testid="watch-panel">
        {tensor && (
          <>
            <label htmlFor={`${ids}-tensor`} className="flex w-fit flex-col gap-1 text-sm">
              <span className="text-xs text-zinc-600">Tensor</span>
              <select id={`${ids}-tensor`} value={tensor.id} onChange={(e) => setChosen(e.target.value)} className="rounded border border-zinc-300 px-2 py-1 font-mono text-xs">
                {(['w', 'g'] as const).map((kind) => (
                  <optgroup key={kind} label={KIND_LABEL[kind]}>
                    {tensors.filter((t) => t.kind === kind).map((t) => (
                      <option key={t.id} value={t.id}>{t.tensor}</option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
            <TensorView key={tensor.id} source={source} tensor={tensor} revisions={revisions} stepInputId={`${ids}-step`} />
          </>
        )}
        {activations.length > 0 && <ActivationTable rows={activations} />}
      </div>
    </Section>
  );
}
