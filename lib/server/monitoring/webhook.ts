import type { AlertWebhookPayload } from '@/lib/serving/alerts-api';

/**
 * Delivers one alert to the workspace's webhook: a JSON POST, retried with exponential backoff
 * (0.5 s, 1 s, 2 s) on a network error, a timeout or a 5xx/429, at most `attempts` tries of
 * `timeoutMs` each; a 4xx is final. Never throws: the outcome is recorded on the alert event.
 */
export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  lastError: string | null;
}

export interface DeliveryOptions {
  attempts?: number;
  timeoutMs?: number;
  baseDelayMs?: number;
  fetch?: typeof fetch;
}

export async function deliverWebhook(url: string, payload: AlertWebhookPayload, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const attempts = opts.attempts ?? 4;
  const doFetch = opts.fetch ?? globalThis.fetch;
  let lastError: string | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'benchtop-alerts' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5_000),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { delivered: true, attempts: attempt, lastError: null };
      lastError = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429) return { delivered: false, attempts: attempt, lastError };
    } catch (err) {
      lastError = (err as Error).message.slice(0, 300);
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, (opts.baseDelayMs ?? 500) * 2 ** (attempt - 1)));
  }
  return { delivered: false, attempts, lastError };
}
