import { createRng } from '../../lib/data/rng';

/**
 * Seeds runs into a running Benchtop server through its public API (PUT /api/v1/runs/:id), as
 * the sync client writes them: `params` scalar params, `metrics` summary metrics (min/max/last),
 * tags. Deterministic: run i is `bench-<i>` with `params.idx = i`, created i seconds after t0, so
 * a benchmark knows which row a filter or sort puts first.
 */
export interface SeedRunsOptions {
  baseUrl: string;
  token?: string;
  count: number;
  params?: number;
  metrics?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  projectId?: string;
  /** Run ids are `${prefix}-${i}` (zero-padded). */
  prefix?: string;
}

const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adamw'];

export function seedRun(i: number, o: Required<Pick<SeedRunsOptions, 'params' | 'metrics' | 'projectId' | 'prefix'>>, t0: number) {
  const rnd = createRng(i + 1);
  const config: Record<string, unknown> = { idx: i, optimizer: OPTIMIZERS[i % OPTIMIZERS.length], lr: [0.1, 0.01, 0.001][i % 3] };
  for (let p = 3; p < o.params; p++) config[`p${p}`] = Math.round(rnd() * 1000) / 1000;
  const summary: Record<string, { last: number; min: number; max: number; step: number; count: number }> = {};
  for (let m = 0; m < o.metrics; m++) {
    const last = Math.round(rnd() * 1e4) / 1e4;
    summary[m === 0 ? 'val/accuracy' : m === 1 ? 'val/loss' : `m${m}`] = { last, min: last * rnd(), max: last + rnd(), step: 99, count: 100 };
  }
  const createdAt = t0 + i * 1000;
  return {
    id: `${o.prefix}-${String(i).padStart(6, '0')}`,
    projectId: o.projectId,
    notebookId: null,
    name: `${o.prefix}-${String(i).padStart(6, '0')}`,
    status: 'finished',
    statusReason: null,
    config,
    env: { backend: 'webgpu', adapter: null, browser: 'bench', tfjsVersion: '4.22.0', seed: i },
    code: null,
    datasetFingerprint: null,
    sweepId: null,
    trialId: null,
    owner: 'bench',
    tags: i % 10 === 0 ? { baseline: '' } : { team: i % 2 ? 'a' : 'b' },
    source: 'browser',
    summary,
    createdAt,
    updatedAt: createdAt + 60_000,
    finishedAt: createdAt + 60_000,
  };
}

export async function seedRuns(options: SeedRunsOptions): Promise<{ seeded: number; ms: number }> {
  const o = { params: 20, metrics: 10, concurrency: 8, projectId: 'default', prefix: 'bench', ...options };
  const t0 = Date.now() - o.count * 1000 - 3_600_000;
  const started = performance.now();
  let next = 0;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const worker = async () => {
    while (next < o.count) {
      const run = seedRun(next++, o, t0);
      const res = await fetch(`${o.baseUrl}/api/v1/runs/${encodeURIComponent(run.id)}`, { method: 'PUT', headers, body: JSON.stringify(run) });
      if (!res.ok) throw new Error(`seeding ${run.id}: HTTP ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return { seeded: o.count, ms: Math.round(performance.now() - started) };
}
