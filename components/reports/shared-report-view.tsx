'use client';

import { useEffect, useMemo, useState } from 'react';
import { EmptyState, PageHeader, Spinner, Alert } from '@/components/ui/card';
import { cachedHistory, type CompareSource } from '@/components/compare/compare-source';
import { ConfigDiffTable } from '@/components/compare/config-diff-table';
import { MISSING_SHARE } from '@/components/share/missing-share';
import { runColors } from '@/lib/track/compare/run-colors';
import { reportsApi } from '@/lib/track/reports-client';
import { ApiError } from '@/lib/track/sync-api-client';
import type { SharedReportResponse } from '@/lib/track/reports';
import type { z } from 'zod';
import { ReportBlocks } from './report-blocks';

type Shared = z.output<typeof SharedReportResponse>;
type State = { status: 'loading' } | { status: 'missing' } | { status: 'error'; error: string } | { status: 'ready'; shared: Shared };

/** `/share/<token>` of a report: the report read-only, from the link alone (no token, no local data). */
export function SharedReportView({ token }: { token: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    reportsApi.shared({ baseUrl: '' }, token).then(
      (shared) => live && setState({ status: 'ready', shared }),
      (e: unknown) => live && setState(e instanceof ApiError && e.status === 404 ? { status: 'missing' } : { status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [token]);
  const runs = useMemo(() => (state.status === 'ready' ? state.shared.runs : []), [state]);
  const source = useMemo<CompareSource>(
    () => ({ id: `report-share:${token}`, loadRuns: async () => ({ runs, missing: [] }), history: cachedHistory((runId, key, maxPoints) => reportsApi.sharedHistory({ baseUrl: '' }, token, runId, key, maxPoints)) }),
    [token, runs],
  );
  const colors = useMemo(() => runColors(runs.map((r) => r.id)), [runs]);

  if (state.status === 'loading') return <Spinner label="Loading report" />;
  if (state.status === 'missing') return <EmptyState title={MISSING_SHARE.title}>{MISSING_SHARE.text}</EmptyState>;
  if (state.status === 'error') return <Alert title="Could not load the report">{state.error}</Alert>;
  const { report } = state.shared;
  return (
    <article className="space-y-8" data-testid="shared-report">
      <PageHeader title={report.title} subtitle={`Shared report · read-only · ${runs.length} runs`} />
      <ReportBlocks blocks={report.blocks} source={source} runs={runs} />
      <section aria-label="Config" className="space-y-2">
        <h2 className="text-sm font-semibold text-zinc-900">Config</h2>
        <ConfigDiffTable runs={runs} colors={colors} all={false} />
      </section>
    </article>
  );
}
