'use client';

import { useId, type ReactNode } from 'react';
import type { ChartSettings } from '@/lib/track/compare/compare-url';
import { SMOOTHING_MAX } from '@/lib/track/compare/smoothing';
import { XAxisMode, X_AXIS_LABELS } from '@/lib/track/compare/x-axis';

/** The charts' shared settings: smoothing (TensorBoard's 0–0.99 slider), log y, and what x is. */
export function ChartControls({ settings, onChange, children }: { settings: ChartSettings; onChange: (next: ChartSettings) => void; /** More controls (group by). */ children?: ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-zinc-200 bg-white px-4 py-2 text-sm text-zinc-700">
      <label htmlFor={`${id}-smoothing`} className="flex items-center gap-2">
        Smoothing
        <input
          id={`${id}-smoothing`}
          type="range"
          min={0}
          max={SMOOTHING_MAX}
          step={0.01}
          value={settings.smoothing}
          onChange={(e) => onChange({ ...settings, smoothing: Number(e.currentTarget.value) })}
          className="w-40 accent-accent-600"
        />
        <output className="w-8 font-mono text-xs">{settings.smoothing.toFixed(2)}</output>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={settings.logY} onChange={(e) => onChange({ ...settings, logY: e.currentTarget.checked })} />
        Log y
      </label>
      <label className="flex items-center gap-2">
        X axis
        <select
          value={settings.x}
          onChange={(e) => onChange({ ...settings, x: XAxisMode.parse(e.currentTarget.value) })}
          className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm"
        >
          {XAxisMode.options.map((m) => (
            <option key={m} value={m}>{X_AXIS_LABELS[m]}</option>
          ))}
        </select>
      </label>
      {children}
    </div>
  );
}

/** Group runs by a param (those that differ between the runs): one mean line and band per value. */
export function GroupBySelect({ keys, value, onChange }: { keys: string[]; value: string | undefined; onChange: (key: string | undefined) => void }) {
  if (keys.length === 0) return null;
  return (
    <label className="flex items-center gap-2">
      Group by
      <select value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)} className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm">
        <option value="">none</option>
        {keys.map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
    </label>
  );
}
