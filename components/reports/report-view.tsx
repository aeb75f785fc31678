'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { workspaceCompareSource } from '@/components/compare/compare-source';
import { useCompareRuns } from '@/components/compare/use-compare-runs';
import { ConfigDiffTable } from '@/components/compare/config-diff-table';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf, serverOrigin } from '@/lib/track/sync-settings';
import { orMissing } from '@/lib/track/run-source/server-run-source';
import { reportsApi } from '@/lib/track/reports-client';
import { runColors } from '@/lib/track/compare/run-colors';
import { compareQueryString, DEFAULT_CHART_SETTINGS } from '@/lib/track/compare/compare-url';
import type { Report } from '@/lib/track/reports';
import { ReportBlocks } from './report-blocks';
import { ReportEditor, type ReportDraft } from './report-editor';
import { ReportSharePanel } from './report-share-panel';

/** `/reports/[id]`: a saved comparison, read or edited, shared by revocable read-only links. */
export function ReportView({ reportId }: { reportId: string }) {
  const sync = useSyncSettings();
  const conn = useMemo(() => connectionOf(sync), [sync]);
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [sharing, setSharing] = useState(false);
  const client = useQueryClient();
  const key = ['report', conn.baseUrl, conn.token, reportId];
  const query = useQuery({ queryKey: key, queryFn: () => orMissing(reportsApi.get(conn, reportId)) });
  const save = useMutation({
    mutationFn: (update: ReportDraft & { runs: Report['runs'] }) => reportsApi.replace(conn, reportId, update),
    onSuccess: (saved) => {
      client.setQueryData(key, saved);
      setDraft(null);
    },
  });
  const report = query.data;
  const source = useMemo(() => workspaceCompareSource(conn, report?.runs ?? { ids: [] }), [conn, report?.runs]);
  const loaded = useCompareRuns(source);
  const runs = useMemo(() => (loaded.status === 'ready' ? loaded.runs : []), [loaded]);
  const colors = useMemo(() => runColors(runs.map((r) => r.id)), [runs]);

  if (query.isPending) return <Spinner label="Loading report" />;
  if (report === undefined) return <Alert title="Could not load the report">{query.error?.message}</Alert>;
  if (report === null) return <EmptyState title="Report not found">No report with id “{reportId}” is on the server.</EmptyState>;

  const compareHref = `/compare?${compareQueryString({ runs: report.runs, ...DEFAULT_CHART_SETTINGS, allParams: false })}`;
  return (
    <article className="space-y-8" data-testid="report">
      <PageHeader
        title={report.title}
        subtitle={<>Report · {report.runs.ids.length} runs · <Link className="text-accent-700 underline underline-offset-2" href={compareHref}>open in compare</Link></>}
        actions={
          draft ? (
            <>
              <Button variant="primary" disabled={save.isPending} onClick={() => draft && save.mutate({ ...draft, runs: report.runs })}>Save</Button>
              <Button onClick={() => setDraft(null)}>Cancel</Button>
            </>
          ) : (
            <>
              <Button onClick={() => setDraft({ title: report.title, blocks: report.blocks })}>Edit</Button>
              <div className="relative">
                <Button onClick={() => setSharing(!sharing)} aria-expanded={sharing}>Share</Button>
                {sharing && <ReportSharePanel conn={conn} reportId={report.id} origin={serverOrigin(sync)} />}
              </div>
            </>
          )
        }
      />
      {save.isError && <Alert title="Could not save the report">{save.error.message}</Alert>}
      {loaded.status === 'error' && <Alert title="Could not load the report's runs">{loaded.error}</Alert>}
      {draft ? (
        <ReportEditor draft={draft} onChange={setDraft} />
      ) : loaded.status === 'loading' ? (
        <Spinner label="Loading runs" />
      ) : (
        <ReportBlocks blocks={report.blocks} source={source} runs={runs} />
      )}
      <Section id="config" title="Config">
        <ConfigDiffTable runs={runs} colors={colors} all={false} />
      </Section>
    </article>
  );
}
