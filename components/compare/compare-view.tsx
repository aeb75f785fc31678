'use client';

import { useEffect, useMemo, useState } from 'react';
import Link from 'next/link';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { orderMetricKeys } from '@/components/run-detail/metric-order';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf } from '@/lib/track/sync-settings';
import { firstRunSource } from '@/lib/track/run-source/first-run-source';
import { localRunSource } from '@/lib/track/run-source/local-run-source';
import { serverRunSource } from '@/lib/track/run-source/server-run-source';
import { getRunStore } from '@/lib/track/tab-stores';
import { compareQueryString, type ChartSettings, type CompareUrlState } from '@/lib/track/compare/compare-url';
import { runColors } from '@/lib/track/compare/run-colors';
import { workspaceCompareSource } from './compare-source';
import { useCompareRuns } from './use-compare-runs';
import { ChartControls, GroupBySelect } from './chart-controls';
import { configDiff } from '@/lib/track/compare/config-diff';
import { formatValue } from '@/components/ui/format';
import { MetricPanel } from './metric-panel';
import { ConfigDiffTable } from './config-diff-table';
import { RunSetPlots } from './run-set-plots';
import { SaveReportButton } from './save-report-button';

/**
 * `/compare?runs=a,b,…`: the selected runs (this browser's or the server's) overlaid, one chart per metric (the union of
 * their keys), with shared smoothing / log y / x axis settings kept in the URL; then the config
 * diff and the params-vs-metric plots. "Save as report" keeps the run set and the chart settings.
 */
export function CompareView({ initial }: { initial: CompareUrlState }) {
  const settingsOfSync = useSyncSettings();
  const [state, setState] = useState(initial);
  const source = useMemo(() => {
    const conn = connectionOf(settingsOfSync);
    // This browser first: a run not synced yet (or with sync off) compares like a server run.
    return workspaceCompareSource(conn, initial.runs, (runId) => firstRunSource([localRunSource({ runId, store: getRunStore }), serverRunSource(runId, conn)]));
  }, [settingsOfSync, initial.runs]);
  const loaded = useCompareRuns(source);

  useEffect(() => {
    window.history.replaceState(null, '', `/compare?${compareQueryString(state)}`);
  }, [state]);

  const runs = useMemo(() => (loaded.status === 'ready' ? loaded.runs : []), [loaded]);
  const colors = useMemo(() => runColors(runs.map((r) => r.id)), [runs]);
  const keys = useMemo(() => {
    const order = orderMetricKeys([...new Set(runs.flatMap((r) => Object.keys(r.metrics)))]);
    return [...order.results, ...order.system];
  }, [runs]);
  const chartSettings: ChartSettings = { x: state.x, smoothing: state.smoothing, logY: state.logY };
  const groupKeys = useMemo(() => configDiff(runs.map((r) => r.params), { onlyDiffering: true }).map((r) => r.key), [runs]);
  const groupOf = useMemo(() => {
    const key = state.groupBy;
    if (!key) return undefined;
    const byId = new Map(runs.map((r) => [r.id, `${key}=${Object.hasOwn(r.params, key) ? formatValue(r.params[key]) : '—'}`]));
    return (id: string) => byId.get(id) ?? `${key}=—`;
  }, [runs, state.groupBy]);

  if (initial.runs.ids.length === 0 && !initial.runs.filter) {
    return (
      <EmptyState title="No runs to compare">
        Pick runs on the <Link className="text-accent-700 underline underline-offset-2" href="/runs">runs page</Link>, or open <code>/compare?runs=id1,id2</code>.
      </EmptyState>
    );
  }
  if (loaded.status === 'loading') return <Spinner label="Loading runs" />;
  if (loaded.status === 'error') return <Alert title="Could not load the runs from the server">{loaded.error}</Alert>;

  return (
    <div className="space-y-8">
      <PageHeader
        title={`Compare ${runs.length} run${runs.length === 1 ? '' : 's'}`}
        subtitle={[
          initial.runs.filter && `Filter: ${initial.runs.filter}`,
          loaded.matched && `the first ${runs.length} of ${loaded.matched} matching runs`,
          loaded.missing.length > 0 && `not found: ${loaded.missing.join(', ')}`,
        ].filter(Boolean).join(' · ') || undefined}
        // The report keeps the filter and the runs on screen: its share link shows those runs.
        actions={<SaveReportButton runSet={{ filter: initial.runs.filter, ids: runs.map((r) => r.id) }} metrics={keys} settings={chartSettings} />}
      />
      <div className="sticky top-0 z-10">
        <ChartControls settings={chartSettings} onChange={(s) => setState({ ...state, ...s })}>
          <GroupBySelect keys={groupKeys} value={state.groupBy} onChange={(groupBy) => setState({ ...state, groupBy })} />
        </ChartControls>
      </div>
      <Section id="charts" title="Metrics">
        {keys.length === 0 ? (
          <p className="text-zinc-500">The runs logged no metrics.</p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2 2xl:grid-cols-3">
            {keys.map((k) => <MetricPanel key={k} source={source} runs={runs} colors={colors} metric={k} settings={chartSettings} groupOf={groupOf} />)}
          </div>
        )}
      </Section>
      <Section id="config" title="Config">
        <ConfigDiffTable runs={runs} colors={colors} all={state.allParams} onToggleAll={(allParams) => setState({ ...state, allParams })} />
      </Section>
      <Section id="params" title="Params → metric">
        <RunSetPlots runs={runs} colors={colors} metricKeys={keys} />
      </Section>
    </div>
  );
}
