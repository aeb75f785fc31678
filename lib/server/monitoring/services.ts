import type { Db } from '../db/connect';
import type { ArtifactsRepo } from '../repos/artifacts';
import type { RegistryRepo } from '../registry/repo';
import { MonitorRecorder } from './recorder';
import { referenceStore, type ReferenceStore } from './references';

/** Monitoring's per-process parts, built once in createServices. */
export interface Monitoring {
  recorder: MonitorRecorder;
  references: ReferenceStore;
  close(): Promise<void>;
}

export function createMonitoring(opts: { db: Db; registry: RegistryRepo; artifacts: ArtifactsRepo; log?: (line: string) => void }): Monitoring {
  const references = referenceStore(opts.db.kysely, opts.registry, opts.artifacts);
  const recorder = new MonitorRecorder({ kysely: opts.db.kysely, loadReference: (name, version) => references.load(name, version), log: opts.log });
  return { recorder, references, close: () => recorder.close() };
}
