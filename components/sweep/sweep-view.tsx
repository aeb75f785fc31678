'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClasses } from '@/components/ui/button';
import { CodeBlock } from '@/components/ui/code-block';
import { bestSoFarCurve, bestTrial, parameterImportance } from '@/lib/sweep/analysis';
import type { SweepRecord } from '@/lib/sweep/api';
import { buildParallelModel } from '@/lib/sweep/parallel-coordinates';
import { sweepProgress } from '@/lib/sweep/progress';
import { BestSoFarChart } from './best-so-far-chart';
import { ImportanceBars } from './importance-bars';
import { ParallelCoordinates } from './parallel-coordinates';
import { requestStop } from './sweep-sources';
import { SweepProgressBar } from './sweep-progress';
import { TrialsTable } from './trials-table';
import { useSweep } from './use-sweep';

const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));
/** `{lr: 0.07032, units: 4}`: a config on one line, numbers to 4 significant digits. */
const formatConfig = (config: Record<string, unknown>) =>
  `{${Object.entries(config)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? fmt(v) : JSON.stringify(v)}`)
    .join(', ')}}`;
const STATUS_TONE = { running: 'blue', finished: 'green', stopped: 'amber' } as const;

/** /sweeps/[id]: a sweep live — its trials, best so far, parallel coordinates, importance. */
export function SweepView({ sweepId }: { sweepId: string }) {
  const { load, refresh } = useSweep(sweepId);
  if (load.status === 'loading') return <Spinner label="Loading sweep" />;
  if (load.status === 'missing') {
    return (
      <EmptyState title={`No sweep ${sweepId}`}>
        Local sweeps live in the browser that ran them; server sweeps on the server in the sync settings. <Link href="/sweeps" className="text-accent-700 underline underline-offset-2">All sweeps</Link>
      </EmptyState>
    );
  }
  if (load.status === 'error') return <Alert title="The sweep could not be loaded">{load.error}</Alert>;
  return <SweepDetail record={load.record} abandoned={load.abandoned} refreshError={load.refreshError} onChanged={refresh} />;
}

function SweepDetail({ record, abandoned, refreshError, onChanged }: { record: SweepRecord; abandoned: boolean; refreshError: string | null; onChanged: () => void }) {
  const { state } = record;
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const [stopping, setStopping] = useState<string | null>(null);
  const model = useMemo(() => buildParallelModel(state), [state]);
  const curve = useMemo(() => bestSoFarCurve(state), [state]);
  const importance = useMemo(() => parameterImportance(state), [state]);
  const best = useMemo(() => bestTrial(state), [state]);
  const progress = useMemo(() => sweepProgress(state), [state]);
  const metricName = state.spec.metric?.name ?? 'metric';
  const counts = state.trials.reduce<Record<string, number>>((c, t) => ({ ...c, [t.status]: (c[t.status] ?? 0) + 1 }), {});

  const stop = async () => {
    setStopping('stopping…');
    try {
      await requestStop(record);
      setStopping(record.origin === 'local' ? 'stop requested: the notebook stops it at the next epoch' : null);
      onChanged();
    } catch (e) {
      setStopping(`stop failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div className="space-y-8" data-testid="sweep-view" data-sweep-status={state.status}>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {record.name ?? record.id}
            <Badge tone={abandoned ? 'red' : STATUS_TONE[state.status]} dot>
              {abandoned ? 'abandoned' : state.status}
            </Badge>
          </span>
        }
        subtitle={
          <span>
            {record.origin === 'server' ? 'Server sweep' : 'Local sweep'} <span className="font-mono">{record.id}</span> · {state.spec.method}
            {state.spec.metric ? ` · ${state.spec.metric.goal} ${metricName}` : ''}
            {state.spec.early_terminate ? ' · hyperband' : ''}
            {state.spec.run_cap ? ` · run_cap ${state.spec.run_cap}` : ''} · {state.trials.length} trial(s)
            {Object.entries(counts).map(([s, n]) => ` · ${n} ${s}`).join('')}
            {state.reason ? ` · ${state.reason}` : ''}
          </span>
        }
        actions={
          <>
            {record.origin === 'server' && state.status === 'running' && (
              <Link href={`/sweeps/${encodeURIComponent(record.id)}/join`} className={buttonClasses('primary')} data-testid="join-link">
                Join as an agent
              </Link>
            )}
            {state.status === 'running' && !abandoned && (
              <Button variant="danger" onClick={() => void stop()} disabled={stopping === 'stopping…'}>
                Stop sweep
              </Button>
            )}
          </>
        }
      />
      {abandoned && (
        <Alert tone="amber" title="This sweep's notebook is gone">
          It ran in a notebook tab that stopped updating it over {Math.round((Date.now() - record.updatedAt) / 1000)} s ago (closed or crashed). What it finished is kept.
        </Alert>
      )}
      {stopping && stopping !== 'stopping…' && <p className="text-xs text-zinc-600">{stopping}</p>}
      {refreshError && <p className="text-xs text-amber-700">Live updates paused: {refreshError}</p>}
      <SweepProgressBar progress={progress} live={state.status === 'running' && !abandoned && !refreshError} />
      {best && (
        <p className="text-sm text-zinc-700">
          Best: <span className="font-mono">{best.trialId}</span> with {metricName} <span className="font-semibold">{fmt(best.metric)}</span> ·{' '}
          <span className="font-mono text-xs">{formatConfig(best.config)}</span>
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <BestSoFarChart points={curve} metricName={metricName} />
        <Section title="Parameter importance">
          <div className="rounded-lg border border-zinc-200 bg-white p-3">
            <ImportanceBars rows={importance} metricName={metricName} minTrials={curve.length >= 3} />
          </div>
        </Section>
      </div>
      <ParallelCoordinates model={model} onSelect={setSelected} />
      <Section title="Trials">
        <TrialsTable state={state} runs={record.runs} selected={selected} />
      </Section>
      <Section title="Sweep config">
        <CodeBlock code={record.specSource} label="Sweep config" />
      </Section>
    </div>
  );
}
