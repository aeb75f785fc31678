'use client';

import { useEffect, useState } from 'react';
import type { LiveRun, LiveRunStore } from '@/lib/runs/live-run-store';

/** At most this many redraws per second per live view, whatever the event rate. */
const MIN_FRAME_MS = 250;

/**
 * Subscribes to one run and re-renders on the next animation frame at most every MIN_FRAME_MS,
 * so bursts of metric events cost one redraw and a hidden tab costs none.
 */
export function useThrottledRun(store: LiveRunStore, runId: string): { run: LiveRun | undefined; version: number } {
  const [version, setVersion] = useState(() => store.get(runId)?.version ?? -1);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let frame: number | null = null;
    const draw = () => {
      frame = null;
      last = performance.now();
      setVersion(store.get(runId)?.version ?? -1);
    };
    const schedule = () => {
      if (timer !== null || frame !== null) return;
      const wait = Math.max(0, MIN_FRAME_MS - (performance.now() - last));
      timer = setTimeout(() => {
        timer = null;
        frame = requestAnimationFrame(draw);
      }, wait);
    };
    const unsubscribe = store.subscribe(runId, schedule);
    schedule();
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [store, runId]);
  return { run: store.get(runId), version };
}
