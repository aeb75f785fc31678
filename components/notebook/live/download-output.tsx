'use client';

import { useSyncExternalStore } from 'react';
import type { LiveRunStore } from '@/lib/runs/live-run-store';
import { ProgressBar } from '@/components/ui/progress-bar';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** A dataset download under its cell: bytes received of the total, as a bar and in MB. */
export function DownloadOutput({ downloadId, label, totalBytes, store }: { downloadId: string; label: string; totalBytes: number; store: LiveRunStore }) {
  const received = useSyncExternalStore(
    (onChange) => store.subscribe(downloadId, onChange),
    () => store.download(downloadId)?.receivedBytes ?? null,
    () => null,
  );
  // No live progress (a reloaded notebook's saved output): the download was done then.
  const done = received === null || received >= totalBytes;
  const text = done ? `${label}: loaded (${mb(totalBytes)} MB)` : `${label}: ${mb(received)} of ${mb(totalBytes)} MB`;
  return (
    <div className="space-y-1" data-testid="download-progress">
      <p className="text-xs text-zinc-600">{text}</p>
      {!done && <ProgressBar value={received / totalBytes} label={`Downloading ${label}`} />}
    </div>
  );
}
