'use client';

import { useCallback, useEffect, useState } from 'react';
import { toFailure, type ClassroomFailure } from './classroom-failure';

export interface Polled<T> {
  /** The latest good answer; kept while a later poll fails, so the view does not blank. */
  value: T | undefined;
  /** The latest poll's failure, cleared by the next success. */
  failure: ClassroomFailure | null;
  refresh: () => void;
}

/**
 * Loads now, then again `intervalMs` after each answer (null: once). A newer load wins over a
 * slower older one; `deps` changing starts over.
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number | null, deps: readonly unknown[]): Polled<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [failure, setFailure] = useState<ClassroomFailure | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    load().then(
      (v) => current && (setValue(() => v), setFailure(null)),
      (e: unknown) => current && setFailure(toFailure(e)),
    ).finally(() => {
      if (current && intervalMs !== null) timer = setTimeout(refresh, intervalMs);
    });
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, intervalMs]);

  return { value, failure, refresh };
}
