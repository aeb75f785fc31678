import { ProgressBar } from '@/components/ui/progress-bar';
import { formatDuration } from '@/components/ui/format';
import type { TrainingProgress as Progress } from '@/lib/kernel/protocol';

/** Fraction of all batches done; `epoch` (the one in progress) and `batch` count from 1. */
export function progressFraction(p: Progress): number {
  const total = p.epochs * p.batchesPerEpoch;
  return total > 0 ? ((p.epoch - 1) * p.batchesPerEpoch + p.batch) / total : 0;
}

export function TrainingProgress({ progress, running }: { progress: Progress; running: boolean }) {
  const epochShown = progress.epoch;
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-xs text-zinc-600 tabular-nums">
        <span>
          <span className="text-zinc-500">Epoch</span> <span className="font-medium text-zinc-900">{epochShown}</span>/{progress.epochs}
        </span>
        <span>
          <span className="text-zinc-500">Batch</span> <span className="font-medium text-zinc-900">{progress.batch}</span>/{progress.batchesPerEpoch}
        </span>
        {running && progress.etaMs != null && (
          <span>
            <span className="text-zinc-500">ETA</span> <span className="font-medium text-zinc-900">{formatDuration(progress.etaMs)}</span>
          </span>
        )}
        {progress.samplesPerSec != null && (
          <span>
            <span className="font-medium text-zinc-900">{Math.round(progress.samplesPerSec).toLocaleString()}</span> <span className="text-zinc-500">samples/s</span>
          </span>
        )}
      </div>
      <ProgressBar value={progressFraction(progress)} label={`Training progress, epoch ${epochShown} of ${progress.epochs}`} />
    </div>
  );
}
