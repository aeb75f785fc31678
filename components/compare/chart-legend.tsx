import { formatMetric } from '@/components/ui/format';
import type { DrawnLine } from '@/lib/track/compare/chart-lines';
import { valueAtX, type XAxisMode } from '@/lib/track/compare/x-axis';

function formatX(x: number, mode: XAxisMode): string {
  if (mode === 'time') return new Date(x * 1000).toLocaleString();
  if (mode === 'relative') return `${Number(x.toPrecision(4))} s`;
  return `step ${x}`;
}

/**
 * Each run once, in its colour. While the pointer is over the chart, every run's value at that
 * x (smoothed, and raw beside it when smoothing is on): the hover readout W&B users expect.
 */
export function ChartLegend({ runs, hoverX, xMode, smoothed }: { runs: DrawnLine[]; hoverX: number | null; xMode: XAxisMode; smoothed: boolean }) {
  return (
    <div className="mt-1 text-xs">
      <p className="h-4 text-zinc-500" data-testid="hover-x">{hoverX === null ? '' : formatX(hoverX, xMode)}</p>
      <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1">
        {runs.map((r) => {
          const y = hoverX === null ? undefined : valueAtX(r.x, smoothed ? r.smoothed : r.raw, hoverX);
          const raw = hoverX === null || !smoothed ? undefined : valueAtX(r.x, r.raw, hoverX);
          return (
            <li key={r.id} className="flex items-center gap-1.5" data-run-id={r.id}>
              <span aria-hidden className="inline-block h-0.5 w-3 rounded" style={{ backgroundColor: r.color }} />
              <span className="max-w-48 truncate text-zinc-700">{r.name}</span>
              {y !== undefined && (
                <span className="font-mono text-zinc-900" data-testid="hover-value">
                  {formatMetric(y)}
                  {raw !== undefined && <span className="text-zinc-500"> ({formatMetric(raw)})</span>}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
