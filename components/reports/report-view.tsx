'use client';

import { useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { workspaceCompareSource } from '@/components/compare/compare-source';
import { useCompareRuns } from '@/components/compare/use-compare-runs';
import { ConfigDiffTable } from '@/components/compare/config-diff-table';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf, serverOrigin } from '@/lib/track/sync-settings';
import { ApiError } from '@/lib/track/sync-api-client';
import { reportsApi } from '@/lib/track/reports-client';
import { runColors } from '@/lib/track/compare/run-colors';
import { compareQueryString, DEFAULT_CHART_SETTINGS } from '@/lib/track/compare/compare-url';
import type { Report } from '@/lib/track/reports';
import { ReportBlocks } from './report-blocks';
import { ReportEditor, type ReportDraft } from './report-editor';
import { ReportSharePanel } from './report-share-panel';

type State = { status: 'loading' } | { status: 'missing' } | { status: 'error'; error: string } | { status: 'ready'; report: Report };

/** `/reports/[id]`: a saved comparison, read or edited, shared by revocable read-only links. */
export function ReportView({ reportId }: { reportId: string }) {
  const sync = useSyncSettings();
  const conn = useMemo(() => connectionOf(sync), [sync]);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [draft, setDraft] = useState<ReportDraft | null>(null);
  const [sharing, setSharing] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  useEffect(() => {
    reportsApi.get(conn, reportId).then(
      (report) => setState({ status: 'ready', report }),
      (e: unknown) => setState(e instanceof ApiError && e.status === 404 ? { status: 'missing' } : { status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
  }, [conn, reportId]);
  const runSet = state.status === 'ready' ? state.report.runs : null;
  const source = useMemo(() => workspaceCompareSource(conn, runSet ?? { ids: [] }), [conn, runSet]);
  const loaded = useCompareRuns(source);
  const runs = useMemo(() => (loaded.status === 'ready' ? loaded.runs : []), [loaded]);
  const colors = useMemo(() => runColors(runs.map((r) => r.id)), [runs]);

  if (state.status === 'loading') return <Spinner label="Loading report" />;
  if (state.status === 'missing') return <EmptyState title="Report not found">No report with id “{reportId}” is on the server.</EmptyState>;
  if (state.status === 'error') return <Alert title="Could not load the report">{state.error}</Alert>;
  const { report } = state;

  async function save() {
    if (!draft) return;
    setSaveError(null);
    try {
      setState({ status: 'ready', report: await reportsApi.replace(conn, report.id, { ...draft, runs: report.runs }) });
      setDraft(null);
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e));
    }
  }

  const compareHref = `/compare?${compareQueryString({ runs: report.runs, ...DEFAULT_CHART_SETTINGS, allParams: false })}`;
  return (
    <article className="space-y-8" data-testid="report">
      <PageHeader
        title={report.title}
        subtitle={<>Report · {report.runs.ids.length} runs · <Link className="text-accent-700 hover:underline" href={compareHref}>open in compare</Link></>}
        actions={
          draft ? (
            <>
              <Button variant="primary" onClick={save}>Save</Button>
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
      {saveError && <Alert title="Could not save the report">{saveError}</Alert>}
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
