/** A determinate bar; `value` in 0..1. The label is read by screen readers. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0)) * 100;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} className="h-1.5 w-full overflow-hidden rounded-full bg-zinc-200">
      <div className="h-full rounded-full bg-accent-600" style={{ width: `${pct}%` }} />
    </div>
  );
}
