import { isSystemKey } from '@/components/notebook/live/chart-groups';
import { isInstrumentKey } from '@/lib/bench/watch/watch-keys';

/** Results first (validation beside training: `train/loss`, `val/loss`), then per-batch keys. */
function resultOrder(a: string, b: string): number {
  const batch = (k: string) => Number(/^batch[/_.]/.test(k));
  const base = (k: string) => k.replace(/^(train|val|validation|batch)[/_.]/, '');
  return batch(a) - batch(b) || Number(!/loss/.test(base(a))) - Number(!/loss/.test(base(b))) || base(a).localeCompare(base(b)) || a.localeCompare(b);
}

/**
 * How a run page orders its metric charts, for local and server runs alike: the results people
 * compare, then system figures (throughput, memory, lr) in their own group.
 */
export function orderMetricKeys(keys: readonly string[]): { results: string[]; system: string[] } {
  const charted = keys.filter((k) => !isInstrumentKey(k)); // drawn by the watch panel and the warnings banner
  return { results: charted.filter((k) => !isSystemKey(k)).sort(resultOrder), system: charted.filter(isSystemKey).sort() };
}
