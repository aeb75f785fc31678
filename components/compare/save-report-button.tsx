'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf } from '@/lib/track/sync-settings';
import { reportsApi } from '@/lib/track/reports-client';
import { REPORT_LIMITS, type ReportBlock } from '@/lib/track/reports';
import type { ChartSettings, RunSet } from '@/lib/track/compare/compare-url';

/** The blocks a new report starts with: a note to fill in, then one chart per metric as shown now. */
export function initialBlocks(metrics: readonly string[], settings: ChartSettings): ReportBlock[] {
  const charts = metrics.slice(0, REPORT_LIMITS.blocks - 1).map((metric): ReportBlock => ({ kind: 'chart', metric, ...settings }));
  return [{ kind: 'markdown', text: 'What these runs show.' }, ...charts];
}

/** "Save as report": the comparison as it is on screen becomes a report, then opens for editing. */
export function SaveReportButton({ runSet, metrics, settings }: { runSet: RunSet; metrics: string[]; settings: ChartSettings }) {
  const sync = useSyncSettings();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(`Comparison of ${runSet.ids.length} runs`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const report = await reportsApi.create(connectionOf(sync), { title, runs: runSet, blocks: initialBlocks(metrics, settings) });
      router.push(`/reports/${encodeURIComponent(report.id)}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <div className="relative">
      <Button variant="primary" onClick={() => setOpen(!open)} aria-expanded={open}>Save as report</Button>
      {open && (
        <form
          role="dialog"
          aria-label="Save as report"
          className="absolute right-0 z-20 mt-2 w-80 space-y-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="block space-y-1 text-sm text-zinc-700">
            <span>Title</span>
            <input value={title} maxLength={REPORT_LIMITS.titleChars} onChange={(e) => setTitle(e.currentTarget.value)} className="w-full rounded border border-zinc-300 px-2 py-1" />
          </label>
          <Button type="submit" variant="primary" disabled={busy || !title.trim()}>{busy ? 'Saving…' : 'Save'}</Button>
          {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
        </form>
      )}
    </div>
  );
}
