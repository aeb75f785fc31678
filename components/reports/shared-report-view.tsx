'use client';

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, PageHeader, Spinner, Alert } from '@/components/ui/card';
import { cachedHistory, type CompareSource } from '@/components/compare/compare-source';
import { ConfigDiffTable } from '@/components/compare/config-diff-table';
import { MISSING_SHARE } from '@/components/share/missing-share';
import { runColors } from '@/lib/track/compare/run-colors';
import { reportsApi } from '@/lib/track/reports-client';
import { orMissing } from '@/lib/track/run-source/server-run-source';
import { ReportBlocks } from './report-blocks';


/** `/share/<token>` of a report: the report read-only, from the link alone (no token, no local data). */
export function SharedReportView({ token }: { token: string }) {
  const query = useQuery({ queryKey: ['report-share', token], queryFn: () => orMissing(reportsApi.shared({ baseUrl: '' }, token)) });
  const shared = query.data;
  const runs = useMemo(() => shared?.runs ?? [], [shared]);
  const source = useMemo<CompareSource>(
    () => ({ id: `report-share:${token}`, loadRuns: async () => ({ runs, missing: [] }), history: cachedHistory((runId, key, maxPoints) => reportsApi.sharedHistory({ baseUrl: '' }, token, runId, key, maxPoints)) }),
    [token, runs],
  );
  const colors = useMemo(() => runColors(runs.map((r) => r.id)), [runs]);

  if (query.isPending) return <Spinner label="Loading report" />;
  if (shared === undefined) return <Alert title="Could not load the report">{query.error?.message}</Alert>;
  if (shared === null) return <EmptyState title={MISSING_SHARE.title}>{MISSING_SHARE.text}</EmptyState>;
  const { report } = shared;
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
