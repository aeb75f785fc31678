'use client';

import { useCallback, useState } from 'react';
import { ingestInWorker, type IngestResult } from '@/lib/data/ingest/client';
import type { IngestRequest } from '@/lib/data/ingest/protocol';

export type IngestState =
  | { status: 'idle' }
  | { status: 'working'; label: string; phase: string; done: number; total: number }
  | { status: 'failed'; label: string; message: string }
  | { status: 'done'; label: string; result: IngestResult };

/** One upload at a time through the ingest worker, with its progress as React state. */
export function useIngest(onDone: () => void) {
  const [state, setState] = useState<IngestState>({ status: 'idle' });
  const run = useCallback(
    async (label: string, request: IngestRequest) => {
      setState({ status: 'working', label, phase: 'Starting', done: 0, total: 1 });
      try {
        const result = await ingestInWorker(request, (phase, done, total) => setState({ status: 'working', label, phase, done, total }));
        setState({ status: 'done', label, result });
        onDone();
      } catch (error) {
        setState({ status: 'failed', label, message: error instanceof Error ? error.message : String(error) });
      }
    },
    [onDone],
  );
  return { state, run, fail: (label: string, message: string) => setState({ status: 'failed', label, message }) };
}
