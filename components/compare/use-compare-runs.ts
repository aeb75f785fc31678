'use client';

import { useEffect, useState } from 'react';
import type { CompareSource, LoadedRuns } from './compare-source';

export type CompareRunsState = { status: 'loading' } | { status: 'error'; error: string } | ({ status: 'ready' } & LoadedRuns);

/** The runs of a comparison, loaded once per source. */
export function useCompareRuns(source: CompareSource): CompareRunsState {
  const [state, setState] = useState<CompareRunsState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    source.loadRuns().then(
      (loaded) => live && setState({ status: 'ready', ...loaded }),
      (e: unknown) => live && setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [source]);
  return state;
}
