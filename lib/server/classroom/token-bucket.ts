/**
 * In-process token buckets keyed by a string (a student id, a client address). Each key holds up
 * to `burst` tokens, refilled at `perSecond`; `take(key, n)` spends n or says how long until it
 * could. In-process on purpose: a limit is a guard against one runaway loop, not an accounting
 * system, so each app instance keeping its own is fine. Idle keys are dropped so the map stays
 * as small as the set of active clients.
 */
export interface TokenBuckets {
  /** Spends `n` tokens, or answers the seconds to wait (≥ 1) before `n` could be spent. */
  take(key: string, n?: number): { ok: true } | { ok: false; retryAfterS: number };
}

export interface TokenBucketOptions {
  perSecond: number;
  burst: number;
  now?: () => number;
}

export function tokenBuckets({ perSecond, burst, now = Date.now }: TokenBucketOptions): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const fullAfterMs = (burst / perSecond) * 1000;
  let lastSweep = now();

  function sweep(t: number) {
    if (t - lastSweep < fullAfterMs) return;
    lastSweep = t;
    for (const [key, b] of buckets) if (t - b.at >= fullAfterMs) buckets.delete(key);
  }

  return {
    take(key, n = 1) {
      const t = now();
      sweep(t);
      const b = buckets.get(key) ?? { tokens: burst, at: t };
      b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * perSecond);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens >= n) {
        b.tokens -= n;
        return { ok: true };
      }
      const missing = Math.min(n, burst) - b.tokens;
      return { ok: false, retryAfterS: Math.max(1, Math.ceil(missing / perSecond)) };
    },
  };
}
