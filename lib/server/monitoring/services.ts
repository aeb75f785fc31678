import type { Db } from '../db/connect';
import type { ArtifactsRepo } from '../repos/artifacts';
import type { MetricsRepo } from '../repos/metrics';
import type { RegistryRepo } from '../registry/repo';
import { Alerts } from './alerts';
import { MonitorRecorder } from './recorder';
import { referenceStore, type ReferenceStore } from './references';
import { versionMonitoring } from './summary';

/** How often every rule is evaluated besides after each monitoring flush (run rules, quiet models). */
const EVALUATE_EVERY_MS = 15_000;

/** Monitoring's per-process parts, built once in createServices. */
export interface Monitoring {
  recorder: MonitorRecorder;
  references: ReferenceStore;
  alerts: Alerts;
  close(): Promise<void>;
}

export function createMonitoring(opts: { db: Db; registry: RegistryRepo; artifacts: ArtifactsRepo; metrics: MetricsRepo; log?: (line: string) => void }): Monitoring {
  const { kysely } = opts.db;
  const references = referenceStore(kysely, opts.registry, opts.artifacts);
  const recorder = new MonitorRecorder({ kysely, loadReference: (name, version) => references.load(name, version), log: opts.log });
  const alerts = new Alerts({
    kysely,
    async lastMetric(runId, key) {
      const series = (await opts.metrics.keys(runId)).find((k) => k.key === key);
      // The series keeps NaN as a null last value (SQLite REAL has no NaN).
      return series ? (series.lastValue ?? Number.NaN) : null;
    },
    log: opts.log,
    aliasVersion: async (name, alias) => (await opts.registry.resolve(name, alias))?.version ?? null,
    monitoring: async (name, version, minutes) => versionMonitoring(kysely, { name, version, sinceMs: Date.now() - minutes * 60_000, reference: await references.load(name, version) }),
  });
  recorder.onFlush = (versions) => void alerts.evaluate({ models: versions });
  const timer = setInterval(() => void alerts.evaluate(), EVALUATE_EVERY_MS);
  timer.unref();
  return {
    recorder,
    references,
    alerts,
    close: async () => {
      clearInterval(timer);
      await recorder.close();
      await alerts.evaluate({ models: [] });
      await alerts.settled();
    },
  };
}
