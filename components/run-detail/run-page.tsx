'use client';

import { useEffect, type ReactNode } from 'react';
import { Alert, Section, Spinner } from '@/components/ui/card';
import { RunActions } from '@/components/run/run-actions';
import { OpenAsNotebookButton } from '@/components/run/open-as-notebook-button';
import type { RunSource } from '@/lib/track/run-source/run-source';
import { ArtifactList } from './artifact-list';
import { MetricCharts } from './metric-charts';
import { ORIGIN_LABEL, RunHeader } from './run-header';
import { RunMetaPanel } from './run-meta-panel';
import { CodeSection, ConfigSection, EnvironmentSection, SummarySection } from './run-tables';
import { useRunSnapshot } from './use-run-source';
import { RunWarnings } from './run-warnings';
import { WatchPanel } from './watch-panel';

/** `full`: the owner's page (actions, export, share, name/tags/notes). `read-only`: a share link's. */
export type RunPageMode = 'full' | 'read-only';

export interface RunPageProps {
  source: RunSource;
  mode: RunPageMode;
  /** Shown when the source does not hold the run (never synced, deleted, link revoked). */
  missing: ReactNode;
}

/**
 * THE run page, for a run in this browser, on the sync server or behind a share link: one layout
 * of small sections over one read model (`RunSource`). New panels go in the list below, one line
 * each; owner-only buttons go in RunActions.
 */
export function RunPage({ source, mode, missing }: RunPageProps) {
  const snapshot = useRunSnapshot(source);
  const data = snapshot.data;
  const title = data ? `${data.run.name || data.run.id} · ${ORIGIN_LABEL[data.origin]} · Benchtop` : null;
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  if (snapshot.isPending) return <Spinner label="Loading run" />;
  if (data === undefined) return <Alert title="Could not load the run">{snapshot.error?.message}</Alert>;
  if (data === null) return missing;
  const { run, origin } = data;
  return (
    <article data-testid="run-page" data-mode={mode}>
      <RunHeader run={run} origin={origin} actions={mode === 'full' ? <RunActions run={run} origin={origin} /> : <OpenAsNotebookButton run={run} />} />
      {snapshot.isError && (
        <div className="mb-6">
          <Alert tone="amber" title="Could not refresh the run: showing it as last read, trying again">{snapshot.error.message}</Alert>
        </div>
      )}
      <RunWarnings source={source} metricKeys={data.metricKeys} />
      <div className="space-y-10">
        <Section id="charts" title="Metrics">
          <MetricCharts source={source} metricKeys={data.metricKeys} axes={run.env.stepAxes} />
        </Section>
        <WatchPanel source={source} metricKeys={data.metricKeys} />
        {mode === 'full' && <RunMetaPanel runId={run.id} />}
        <div className="grid grid-cols-1 gap-10 lg:grid-cols-2">
          <ConfigSection run={run} />
          <SummarySection metricKeys={data.metricKeys} />
          <EnvironmentSection run={run} />
          <Section id="checkpoints" title="Checkpoints and files">
            <ArtifactList source={source} artifacts={data.artifacts} />
          </Section>
        </div>
        <CodeSection snapshot={data} />
      </div>
    </article>
  );
}
