/**
 * Lets queued messages (Stop) run between batches. `await somePromise` alone is not enough: on
 * the cpu and wasm backends tensor reads resolve as microtasks and never yield to the event loop.
 * MessageChannel is used in workers because setTimeout is clamped to ≥ 4 ms when nested.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Yields at most every `intervalMs` of busy time, so per-batch checks cost almost nothing. */
export function createYielder(intervalMs = 20): () => Promise<void> {
  let last = performance.now();
  return async () => {
    const now = performance.now();
    if (now - last < intervalMs) return;
    await yieldToEventLoop();
    last = performance.now();
  };
}
