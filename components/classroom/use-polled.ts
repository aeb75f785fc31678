'use client';

import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { toFailure, type ClassroomFailure } from './classroom-failure';

export interface Polled<T> {
  /** The latest good answer; kept while a later poll fails, so the view does not blank. */
  value: T | undefined;
  /** The latest poll's failure, cleared by the next success. */
  failure: ClassroomFailure | null;
  refresh: () => void;
}

/**
 * Loads now, then every `intervalMs` (null: once), through the data layer (TanStack Query: a
 * newer load wins over a slower older one). `deps` (plain values) key the query: a change starts over.
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number | null, deps: readonly unknown[]): Polled<T> {
  const instance = useId();
  const q = useQuery({ queryKey: ['polled', instance, ...deps], queryFn: load, refetchInterval: intervalMs ?? false, staleTime: 0, retry: false });
  return { value: q.data, failure: q.isError ? toFailure(q.error) : null, refresh: () => void q.refetch() };
}
