import type { DownloadProgress } from '../data/fetch-progress';
import type { BenchSession } from '../kernel/session';

/** At most this many progress events per second per download (the last one always goes). */
const MIN_GAP_MS = 100;
let downloads = 0;

/**
 * Progress of a file a cell downloads, shown under the cell: a `download` output when the first
 * bytes are expected, then throttled `download-progress` events. Nothing is shown when the file
 * was already loaded (the callback is never called).
 */
export function downloadReporter(session: BenchSession, label: string): DownloadProgress {
  const cellId = session.currentCell().cellId;
  const downloadId = `download-${++downloads}`;
  let announced = false;
  let lastEmitMs = Number.NEGATIVE_INFINITY;
  return (receivedBytes, totalBytes) => {
    if (!announced) {
      announced = true;
      session.emit({ type: 'output', cellId, output: { type: 'download', downloadId, label, totalBytes } });
    }
    const now = Date.now();
    if (receivedBytes < totalBytes && now - lastEmitMs < MIN_GAP_MS) return;
    lastEmitMs = now;
    session.emit({ type: 'download-progress', downloadId, receivedBytes, totalBytes });
  };
}
