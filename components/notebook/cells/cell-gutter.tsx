import { formatDuration } from '@/components/ui/format';
import type { CellRuntime } from '@/lib/notebook/state';

/**
 * Jupyter's `[n]:` with the cell's state: `[*]` while running, `[ ]` while queued. No spinner:
 * a CSS animation repaints every frame, which software-rendered pages pay for while training.
 */
export function CellGutter({ runtime, runnable }: { runtime: CellRuntime; runnable: boolean }) {
  if (!runnable) return <div className="w-10 shrink-0 sm:w-14" />;
  const label = runtime.status === 'running' ? '*' : runtime.status === 'queued' ? ' ' : runtime.executionCount ?? ' ';
  const tone = runtime.status === 'error' ? 'text-red-600' : runtime.status === 'running' ? 'text-accent-600' : runtime.status === 'stopped' ? 'text-amber-600' : 'text-zinc-500';
  return (
    <div className="w-10 shrink-0 pt-9 pr-1.5 sm:w-14 sm:pr-2 text-right font-mono text-[11px] leading-tight select-none" aria-hidden>
      <div className={tone}>[{label}]</div>
      {runtime.durationMs != null && runtime.status !== 'running' && <div className="mt-0.5 text-zinc-500">{formatDuration(runtime.durationMs)}</div>}
    </div>
  );
}
