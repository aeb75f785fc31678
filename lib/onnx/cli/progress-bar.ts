import type { ExportProgress, ProgressListener } from '../progress';

/**
 * The CLI's progress on stderr (stdout holds the JSON report). On a terminal: one line redrawn in
 * place, at most every 100 ms. Elsewhere (CI logs, pipes): a line per step and per tenth done.
 */
const WIDTH = 24;
const REDRAW_MS = 100;

function seconds(s: number): string {
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function formatProgress(p: ExportProgress): string {
  const filled = Math.round(p.fraction * WIDTH);
  const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
  const pct = `${Math.floor(p.fraction * 100)}%`.padStart(4);
  const eta = p.etaSeconds === null ? '' : ` · ~${seconds(p.etaSeconds)} left`;
  return `[${bar}] ${pct} ${p.label}${eta}`;
}

export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export function progressBar(stream: ProgressStream, now: () => number = () => performance.now()): { listener: ProgressListener; end(): void } {
  let lastDraw = -Infinity;
  let lastLabel = '';
  let lastTenth = -1;
  let drawn = false;
  const listener: ProgressListener = (p) => {
    const line = formatProgress(p);
    if (stream.isTTY) {
      if (now() - lastDraw < REDRAW_MS && p.label === lastLabel) return;
      stream.write(`\r${line}\x1b[K`);
      drawn = true;
    } else {
      const tenth = Math.floor(p.fraction * 10);
      if (p.label === lastLabel && tenth === lastTenth) return;
      stream.write(`${line}\n`);
      lastTenth = tenth;
    }
    lastLabel = p.label;
    lastDraw = now();
  };
  return { listener, end: () => drawn && stream.write('\n') };
}
