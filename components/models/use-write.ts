'use client';

import { useState } from 'react';

/**
 * A write from a model-page panel: `run(fn)` clears the last error, awaits `fn`, then calls
 * `onDone` (reload the list); a failure's message is kept in `message` for the panel to show.
 */
export function useWrite(onDone: () => void): { message: string | null; run: (fn: () => Promise<unknown>) => Promise<void> } {
  const [message, setMessage] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await fn();
      onDone();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };
  return { message, run };
}
