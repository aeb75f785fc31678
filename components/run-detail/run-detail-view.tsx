'use client';

import { useEffect } from 'react';
import { Alert, Section, Spinner } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { formatMetric, formatValue } from '@/components/ui/format';
import { KeyValueTable } from '@/components/ui/key-value-table';
import { useNow } from '@/components/runs/use-runs';
import type { Run } from '@/lib/track/schemas';
import { CheckpointList } from './checkpoint-list';
import { MetricCharts } from './metric-charts';
import { RunHeader } from './run-header';
import { RunMetaPanel } from './run-meta-panel';
import { RunNotInBrowser } from './run-not-in-browser';
import { useRunDetail } from './use-run-detail';

function envRows(run: Run): [string, string][] {
  // stepAxes is how the charts label their x, not where the run ran.
  const { memory, stepAxes: _axes, ...env } = run.env;
  const rows: [string, string][] = Object.entries(env).map(([k, v]) => [k, formatValue(v)]);
  for (const [k, v] of Object.entries(memory ?? {})) rows.push([`memory.${k}`, formatValue(v)]);
  if (run.datasetFingerprint) rows.push(['dataset', run.datasetFingerprint]);
  if (run.owner) rows.push(['owner', run.owner]);
  if (run.sweepId) rows.push(['sweep', `${run.sweepId}${run.trialId ? ` / ${run.trialId}` : ''}`]);
  return rows;
}

function summaryRows(run: Run): [string, string][] {
  return Object.entries(run.summary).sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, `last ${formatMetric(s.last)} · min ${formatMetric(s.min)} · max ${formatMetric(s.max)} · ${s.count} points`]);
}

export function RunDetailView({ runId }: { runId: string }) {
  const state = useRunDetail(runId);
  const now = useNow(2000);
  const name = state.status === 'ready' ? state.detail.run.name || runId : null;
  useEffect(() => {
    if (name) document.title = `${name} · Runs · Benchtop`;
  }, [name]);
  if (state.status === 'loading') return <Spinner label="Loading run" />;
  if (state.status === 'error') return <Alert title="Could not read the run from this browser's storage">{state.error}</Alert>;
  if (state.status === 'missing') return <RunNotInBrowser runId={runId} />;
  const { run, metrics, artifacts } = state.detail;
  const code = run.code?.cells.map((c) => c.source).join('\n\n') ?? '';
  return (
    <article>
      <RunHeader run={run} now={now} />
      <div className="space-y-10">
        <Section id="charts" title="Metrics">
          <MetricCharts metrics={metrics} axes={run.env.stepAxes} />
        </Section>
        <RunMetaPanel runId={run.id} />
        <div className="grid grid-cols-1 gap-10 lg:grid-cols-2">
          <Section id="config" title="Config">
            <KeyValueTable caption="Config" rows={Object.entries(run.config).map(([k, v]) => [k, formatValue(v)])} empty="No config was recorded." />
          </Section>
          <Section id="summary" title="Summary">
            <KeyValueTable caption="Summary" rows={summaryRows(run)} empty="No metrics were logged." />
          </Section>
          <Section id="environment" title="Environment">
            <KeyValueTable caption="Environment" rows={envRows(run)} />
          </Section>
          <Section id="checkpoints" title="Checkpoints and files">
            <CheckpointList artifacts={artifacts} />
          </Section>
        </div>
        <Section id="code" title={`Code${run.code ? ` · sha256 ${run.code.sha256.slice(0, 12)}` : ''}`}>
          {code ? <CodeBlock code={code} label="Code snapshot" /> : <p className="text-zinc-500">No code snapshot was recorded.</p>}
        </Section>
      </div>
    </article>
  );
}
