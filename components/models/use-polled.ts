'use client';

import { useCallback, useEffect, useState } from 'react';

/**
 * `load()` now and every `intervalMs` (0: once), with the last answer or error; `reload` asks
 * again at once (after a write). Stale answers (a key that changed meanwhile) are dropped.
 */
export function usePolled<T>(load: () => Promise<T>, key: string, intervalMs: number): { data: T | null; error: string | null; reload: () => void } {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({ key, data: null, error: null });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ key, data, error: null }),
      (e: unknown) => current && setState((s) => ({ key, data: s.key === key ? s.data : null, error: e instanceof Error ? e.message : String(e) })),
    );
    const timer = intervalMs > 0 ? setTimeout(() => setTick((t) => t + 1), intervalMs) : undefined;
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `load` is a fresh closure each render; `key` names what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, intervalMs]);
  return state.key === key ? { data: state.data, error: state.error, reload } : { data: null, error: null, reload };
}
