import type { Run, MetricPoint } from '@/lib/track/schemas';

let counter = 0;

/** A complete, valid run; ids are unique per call unless given. */
export function makeRun(overrides: Partial<Run> = {}): Run {
  const now = Date.now();
  counter += 1;
  return {
    id: `run-${now.toString(36)}-${counter}`,
    projectId: 'default',
    notebookId: 'nb-1',
    name: `run ${counter}`,
    status: 'running',
    statusReason: null,
    config: { lr: 0.01, layers: [64, 32], optimizer: 'adam' },
    env: { backend: 'cpu', adapter: null, browser: 'node-test', tfjsVersion: '4.22.0', seed: 42 },
    code: { cells: [{ cellId: 'c1', source: 'model.fit()' }], sha256: 'a'.repeat(64) },
    datasetFingerprint: 'spirals-1000',
    sweepId: null,
    trialId: null,
    owner: 'tester',
    tags: { team: 'a' },
    source: 'browser',
    summary: {},
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    ...overrides,
  };
}

/** `count` points of one key starting at `fromStep`, values from `valueOf(step)`. */
export function makePoints(runId: string, key: string, count: number, fromStep = 0, valueOf = (s: number) => Math.sin(s / 10)): MetricPoint[] {
  return Array.from({ length: count }, (_, i) => {
    const step = fromStep + i;
    return { runId, key, step, value: valueOf(step), timeMs: 1_700_000_000_000 + step };
  });
}
