import type { Artifact, Run } from '@/lib/track/schemas';

export function makeRun(overrides: Partial<Run> = {}): Run {
  const now = 1_700_000_000_000;
  return {
    id: 'run-1',
    projectId: 'default',
    notebookId: 'nb-1',
    name: 'test run',
    status: 'running',
    statusReason: null,
    config: { lr: 0.01 },
    env: { backend: 'cpu', adapter: null, browser: 'node', tfjsVersion: '4.22.0', seed: 1 },
    code: null,
    datasetFingerprint: null,
    sweepId: null,
    trialId: null,
    owner: null,
    tags: {},
    source: 'browser',
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    summary: {},
    ...overrides,
  };
}

export function makeArtifact(bytes: Uint8Array, overrides: Partial<Artifact> = {}): Artifact {
  return {
    id: 'art-1',
    runId: 'run-1',
    name: 'checkpoint-epoch-1',
    kind: 'checkpoint',
    sizeBytes: bytes.byteLength,
    sha256: 'a'.repeat(64),
    createdAt: 1,
    ...overrides,
  };
}

let counter = 0;
/** A fresh database name per test so tests never see each other's data. */
export const freshDbName = () => `benchtop-test-${process.pid}-${++counter}`;
