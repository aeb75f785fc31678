/**
 * Latency as a sparse histogram of geometric buckets (each 25% wider than the last, from 50 µs):
 * windows from many processes and minutes merge by adding counts, and a percentile read from the
 * merged buckets is within one bucket (±12%) of the exact value.
 */

const FIRST_MS = 0.05;
const GROWTH = 1.25;
const LAST_BUCKET = 80; // 0.05 ms · 1.25^80 ≈ 2.8 min

export type LatencyHistogram = Record<number, number>;

export function bucketOf(ms: number): number {
  if (!(ms > FIRST_MS)) return 0;
  return Math.min(LAST_BUCKET, Math.ceil(Math.log(ms / FIRST_MS) / Math.log(GROWTH)));
}

/** The bucket's upper bound in ms (a percentile is reported as the bound it falls under). */
export function bucketUpperMs(bucket: number): number {
  return FIRST_MS * GROWTH ** bucket;
}

export function addLatency(h: LatencyHistogram, ms: number): void {
  const b = bucketOf(ms);
  h[b] = (h[b] ?? 0) + 1;
}

export function mergeCounts(into: Record<string | number, number>, from: Record<string | number, number>): void {
  for (const [k, n] of Object.entries(from)) into[k as unknown as number] = (into[k as unknown as number] ?? 0) + n;
}

/** The q-quantile (0..1) in ms, or null for an empty histogram. */
export function percentileMs(h: LatencyHistogram, q: number): number | null {
  const entries = Object.entries(h)
    .map(([b, n]) => [Number(b), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [b, n] of entries) {
    seen += n;
    if (seen >= rank) return bucketUpperMs(b);
  }
  return bucketUpperMs(entries[entries.length - 1][0]);
}
