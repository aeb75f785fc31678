'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, EmptyState, Section, Spinner } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { CodeBlock } from '@/components/ui/code-block';
import { formatBytes, formatDateTime, formatDuration, formatMetric, formatValue } from '@/components/ui/format';
import { KeyValueTable } from '@/components/ui/key-value-table';
import { buttonClasses } from '@/components/ui/button';
import { DownloadIcon } from '@/components/ui/icons';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { Button } from '@/components/ui/button';
import { downloadBlob } from '@/components/ui/download';
import { ApiError } from '@/lib/track/sync-api-client';
import type { Artifact } from '@/lib/track/schemas';
import { OpenAsNotebookButton } from '@/components/run/open-as-notebook-button';
import { RemoteMetricCharts } from './remote-metric-charts';
import type { RemoteRun, RemoteRunSource } from './remote-run-source';

/** How often the page of a running run reloads it (ms). */
const LIVE_POLL_MS = 3000;

type State = { status: 'loading' } | { status: 'missing' } | { status: 'error'; error: string } | { status: 'ready'; shared: RemoteRun };

export interface RemoteRunViewProps {
  source: RemoteRunSource;
  /** What the header calls it: a share link's view, or a run read from the sync server. */
  label: string;
  /** Shown when the server answers 404. */
  missing: { title: string; text: string };
  /** Buttons beside the title (e.g. Share, for a workspace run; none on a share link). */
  actions?: ReactNode;
}

/**
 * A run read from a server, read-only (no local data needed): charts, config, environment,
 * code snapshot and checkpoints. The code snapshot is shown as text and never executed.
 */
export function RemoteRunView({ source, label, missing, actions }: RemoteRunViewProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // Bumped to reload a running run (an MLflow client or another browser is still logging to it).
  const [version, setVersion] = useState(0);
  const shownFor = useRef<string | null>(null); // the source whose run is on screen
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = () => (timer = setTimeout(() => setVersion((v) => v + 1), LIVE_POLL_MS));
    source.load().then(
      (shared) => {
        if (!live) return;
        shownFor.current = source.id;
        setState({ status: 'ready', shared });
        if (shared.run.status === 'running') again();
      },
      (e: unknown) => {
        if (!live) return;
        if (shownFor.current === source.id && !(e instanceof ApiError && e.status === 404)) return void again(); // keep what is on screen, retry
        if (e instanceof ApiError && e.status === 404) setState({ status: 'missing' });
        else setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [source, version]);

  const name = state.status === 'ready' ? state.shared.run.name || state.shared.run.id : null;
  useEffect(() => {
    if (name) document.title = `${name} · ${label} · Benchtop`;
  }, [name, label]);

  if (state.status === 'loading') return <Spinner label="Loading run" />;
  if (state.status === 'missing') return <EmptyState title={missing.title}>{missing.text}</EmptyState>;
  if (state.status === 'error') return <Alert title="Could not load the run from the server">{state.error}</Alert>;

  async function download(a: Artifact) {
    setDownloadError(null);
    try {
      downloadBlob(new Blob([(await source.download(a)).slice()], { type: 'application/octet-stream' }), a.name);
    } catch (e) {
      setDownloadError(`${a.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const { run, metricKeys, artifacts } = state.shared;
  // stepAxes is how the charts label their x, not where the run ran.
  const { memory, stepAxes: _axes, ...env } = run.env;
  const envRows: [string, string][] = [...Object.entries(env).map(([k, v]): [string, string] => [k, formatValue(v)]), ...Object.entries(memory ?? {}).map(([k, v]): [string, string] => [`memory.${k}`, formatValue(v)])];
  if (run.datasetFingerprint) envRows.push(['dataset', run.datasetFingerprint]);
  const code = run.code?.cells.map((c) => c.source).join('\n\n') ?? '';
  const finished = run.finishedAt ?? run.updatedAt;

  return (
    <article data-testid="remote-run">
      <header className="mb-8 space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 space-y-2">
            <p className="text-xs text-zinc-500">{label} · read-only · <span className="font-mono">{run.id}</span></p>
            <h1 className="flex items-center gap-3 text-xl font-semibold tracking-tight text-zinc-900">
              <span className="truncate">{run.name || run.id}</span>
              <RunStatusBadge status={run.status} reason={run.statusReason} />
              {run.source === 'mlflow' && <Badge tone="accent">MLflow</Badge>}
            </h1>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {actions}
            <OpenAsNotebookButton run={run} />
          </div>
        </div>
        <p className="text-sm text-zinc-600">
          Started {formatDateTime(run.createdAt)} · ran {formatDuration(finished - run.createdAt)} on <span className="font-mono">{run.env.backend}</span>
          {run.owner ? ` · by ${run.owner}` : ''}
        </p>
      </header>
      <div className="space-y-10">
        <Section id="charts" title="Metrics">
          <RemoteMetricCharts source={source} keys={metricKeys.map((k) => k.key)} axes={run.env.stepAxes} refreshKey={version} />
        </Section>
        <div className="grid grid-cols-1 gap-10 lg:grid-cols-2">
          <Section id="config" title="Config">
            <KeyValueTable caption="Config" rows={Object.entries(run.config).map(([k, v]) => [k, formatValue(v)])} empty="No config was recorded." />
          </Section>
          <Section id="summary" title="Summary">
            <KeyValueTable
              caption="Summary"
              rows={metricKeys.map((k) => [k.key, `last ${formatMetric(k.last)} · min ${formatMetric(k.min)} · max ${formatMetric(k.max)} · ${k.count} points`])}
              empty="No metrics were logged."
            />
          </Section>
          <Section id="environment" title="Environment">
            <KeyValueTable caption="Environment" rows={envRows} />
          </Section>
          <Section id="checkpoints" title="Checkpoints and files">
            {artifacts.length === 0 ? (
              <p className="text-zinc-500">No checkpoints were saved.</p>
            ) : (
              <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white">
                {artifacts.map((a) => (
                  <li key={a.id} className="flex items-center gap-3 px-4 py-2.5">
                    <div className="min-w-0 flex-1">
                      <p className="truncate font-mono text-xs font-medium text-zinc-900">{a.name}</p>
                      <p className="text-xs text-zinc-500">{formatBytes(a.sizeBytes)} · sha256 {a.sha256.slice(0, 12)}</p>
                    </div>
                    <Badge>{a.kind}</Badge>
                    {source.artifactHref(a) ? (
                      <a className={buttonClasses('secondary', 'sm')} href={source.artifactHref(a)} download={a.name}>
                        <DownloadIcon /> Download
                      </a>
                    ) : (
                      <Button size="sm" icon={<DownloadIcon />} onClick={() => download(a)}>Download</Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {downloadError && <p role="alert" className="mt-2 text-sm text-red-600">{downloadError}</p>}
          </Section>
        </div>
        <Section id="code" title={`Code${run.code ? ` · sha256 ${run.code.sha256.slice(0, 12)}` : ''}`}>
          {code ? (
            <CodeBlock code={code} label="Code snapshot (not executed)" />
          ) : (
            <p className="text-zinc-500">{state.shared.includeCode === false ? 'The code was not shared with this link.' : 'No code snapshot was recorded.'}</p>
          )}
        </Section>
      </div>
    </article>
  );
}
