/** Latency summary of repeated runs, in milliseconds. */
export interface LatencyStats {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
}

/** Nearest-rank percentile of `sorted` (ascending), p in [0, 100]. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function latencyStats(samplesMs: readonly number[]): LatencyStats {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { runs: sorted.length, p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), minMs: sorted[0] ?? NaN };
}
