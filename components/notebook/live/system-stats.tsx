import { formatBytes, formatMetric } from '@/components/ui/format';
import type { SeriesByKey } from './live-charts';

/**
 * Step times are shown as the mean of the last few: one step that met a garbage collection or a
 * read-back is not the speed of training.
 */
const SMOOTHED: Record<string, number> = { 'perf/step_ms': 20 };

function shownValue(key: string, values: number[]): number | undefined {
  const recent = values.slice(-(SMOOTHED[key] ?? 1));
  return recent.length === 0 ? undefined : recent.reduce((a, b) => a + b, 0) / recent.length;
}

/** How bench.train's system figures read in words; other system keys show as `key value`. */
const LABELS: Record<string, (v: number) => string | null> = {
  'perf/step_ms': (v) => `${Math.round(v)} ms/step`,
  // Already in the progress line while training.
  'perf/samples_per_s': () => null,
  'memory/num_tensors': (v) => `${Math.round(v)} tensors`,
  'memory/num_bytes': (v) => `${formatBytes(v)} tensor memory`,
  lr: (v) => `lr ${formatMetric(v)}`,
};

export function SystemStats({ series, keys }: { series: SeriesByKey; keys: string[] }) {
  const items = keys
    .map((key) => {
      const s = series.get(key);
      const v = s ? shownValue(key, s.values) : undefined;
      if (v === undefined) return null;
      const label = LABELS[key] ? LABELS[key](v) : `${key} ${formatMetric(v)}`;
      return label ? <span key={key}>{label}</span> : null;
    })
    .filter(Boolean);
  if (items.length === 0) return null;
  return <span className="flex flex-wrap gap-x-3 font-mono text-[11px] text-zinc-500">{items}</span>;
}
