import { ProgressBar } from '@/components/ui/progress-bar';
import type { SweepProgress } from '@/lib/sweep/progress';

/** Trials done out of the sweep's total (run_cap or grid size), with how many are training now. */
export function SweepProgressBar({ progress, live }: { progress: SweepProgress; live: boolean }) {
  const { done, active, total } = progress;
  return (
    <div className="space-y-1" data-testid="sweep-progress">
      <div className="flex items-baseline justify-between text-xs text-zinc-600">
        <span>
          <span className="font-semibold text-zinc-800 tabular-nums">{done}</span>
          {total !== null ? ` of ${total}` : ''} trial{(total ?? done) === 1 ? '' : 's'} done
          {active > 0 ? ` · ${active} training now` : ''}
        </span>
        {live && <span className="text-zinc-500">updates live</span>}
      </div>
      {total !== null && total > 0 && <ProgressBar value={done / total} label="Trials done" />}
    </div>
  );
}
