import type { RunStore } from '../run-store';
import type { MetricPoint } from '../schemas';
import { downsampleHistory, summarizeSeries } from './downsample';
import { MetricSeriesReader } from './metric-series-reader';
import type { RunSource } from './run-source';

export type LocalRunStore = Pick<RunStore, 'getRun' | 'getMetricsAfter' | 'listArtifacts' | 'getArtifact'>;

export interface LocalRunSourceOptions {
  runId: string;
  /** This tab's IndexedDB store (opened on first use). */
  store: () => Promise<LocalRunStore>;
  /** Same-tab change events for the run (a new artifact): see `RunSource.subscribe`. */
  subscribe?: (runId: string, onChange: () => void) => () => void;
  /** Refresh of a running run (ms): training logs into IndexedDB in this very browser. */
  liveMs?: number;
}

/**
 * A run in this browser's IndexedDB. The metric series are read incrementally (each refresh
 * reads only the points logged since the last), and every chart's history is cut from them as
 * the server would (`downsampleHistory`): a local run page draws what a share link would.
 */
export function localRunSource({ runId, store, subscribe, liveMs = 2_000 }: LocalRunSourceOptions): RunSource {
  let reader: MetricSeriesReader | undefined;
  let reading: Promise<Map<string, MetricPoint[]>> | undefined;
  /** One read for all charts asking at once (one IndexedDB query per refresh, not one per key). */
  const series = () =>
    (reading ??= store()
      .then((s) => (reader ??= new MetricSeriesReader(s, runId)).read())
      .finally(() => (reading = undefined)));
  return {
    id: `local:${runId}`,
    liveMs,
    async load() {
      const s = await store();
      const run = await s.getRun(runId);
      if (!run) return null;
      const [metrics, artifacts] = await Promise.all([series(), s.listArtifacts(runId)]);
      const metricKeys = [...metrics].map(([key, points]) => summarizeSeries(key, points)).sort((a, b) => a.key.localeCompare(b.key));
      return { origin: 'local', run, metricKeys, artifacts, includeCode: true };
    },
    async history(key, maxPoints) {
      return downsampleHistory(key, (await series()).get(key) ?? [], maxPoints);
    },
    artifactHref: () => undefined,
    async download(artifact) {
      return (await (await store()).getArtifact(artifact.id))?.bytes;
    },
    subscribe: subscribe && ((onChange) => subscribe(runId, onChange)),
  };
}
