import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../harness';
import { expectSeedsAccepted, FUZZ_TIMEOUT_MS, fuzzBodies, fuzzQueries, printCollected, startFuzzServer, type FuzzServer } from './fuzz-server';

/** What the MLflow fuzz files work on: experiments and runs made through MLflow's own endpoints. */
export interface MlflowFixture {
  /** An experiment the fuzz may rename, tag and log into. */
  experimentId: string;
  /** One only for delete/restore (deleting the main one would turn later cases into errors). */
  spareExperimentId: string;
  runId: string;
  spareRunId: string;
}

export const MLFLOW = '/api/2.0/mlflow/';

/** The fields of MLflow answers the fixture reads. */
interface MlflowAnswer {
  experiment_id?: string;
  run?: { info: { run_id: string } };
}

export async function mlflowOk(s: FuzzServer, path: string, body: unknown): Promise<MlflowAnswer> {
  const ans = await s.send('POST', MLFLOW + path, body);
  expect(ans.status, `${path} → ${ans.text.slice(0, 300)}`).toBe(200);
  return ans.json as MlflowAnswer;
}

export async function makeMlflowFixture(s: FuzzServer): Promise<MlflowFixture> {
  const experimentId = (await mlflowOk(s, 'experiments/create', { name: 'fuzz', tags: [{ key: 'team', value: 'a' }] })).experiment_id!;
  const spareExperimentId = (await mlflowOk(s, 'experiments/create', { name: 'fuzz spare' })).experiment_id!;
  const newRun = async () => (await mlflowOk(s, 'runs/create', { experiment_id: experimentId, run_name: 'r', start_time: 1_700_000_000_000 })).run!.info.run_id;
  const runId = await newRun();
  const spareRunId = await newRun();
  await mlflowOk(s, 'runs/log-batch', {
    run_id: runId,
    metrics: [{ key: 'loss', value: 0.5, timestamp: 1, step: 0 }, { key: 'loss', value: 'NaN', timestamp: 2, step: 1 }],
    params: [{ key: 'lr', value: '0.1' }],
    tags: [{ key: 'note', value: 'x' }],
  });
  return { experimentId, spareExperimentId, runId, spareRunId };
}

/** One MLflow endpoint to fuzz: POST bodies or GET queries, from valid seeds. */
export interface MlflowCase {
  path: string;
  /** GET fuzzes queries; the others (MLflow's registry also uses PATCH and DELETE with JSON bodies) fuzz bodies. */
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  seeds(fx: MlflowFixture): unknown[];
  /** False where valid seeds may still be refused (e.g. a second delete): no 2xx is demanded. */
  expectAccepted?: boolean;
}

const QUERY_NAMES = ['experiment_id', 'experiment_name', 'run_id', 'run_uuid', 'metric_key', 'max_results', 'page_token', 'view_type', 'filter', 'order_by', 'name', 'version', 'alias', 'path', 'run_ids', 'start_step', 'end_step'];

/** One `it` per case: the seeds are accepted, then FUZZ_RUNS generated requests never get a 5xx. */
export function mlflowCases(getServer: () => FuzzServer, getFixture: () => MlflowFixture, cases: readonly MlflowCase[]): void {
  for (const c of cases) {
    it(
      `${c.method} ${c.path}`,
      async () => {
        const s = getServer();
        const seeds = c.seeds(getFixture());
        if (c.method !== 'GET' && c.expectAccepted !== false) await expectSeedsAccepted(s, c.method, MLFLOW + c.path, seeds);
        const tally = c.method !== 'GET' ? await fuzzBodies(s, { method: c.method, path: MLFLOW + c.path, seeds }) : await fuzzQueries(s, { path: MLFLOW + c.path, seeds, names: QUERY_NAMES });
        if (c.expectAccepted !== false) expect(tally['2xx'] ?? 0).toBeGreaterThan(0);
      },
      FUZZ_TIMEOUT_MS,
    );
  }
}

/** Inside a describe: a fuzz server with the fixture made before the cases and closed after them. */
export function mlflowFuzzSuite(backend: Backend): { server: () => FuzzServer; fixture: () => MlflowFixture } {
  let s: FuzzServer;
  let fx: MlflowFixture;
  beforeAll(async () => {
    s = await startFuzzServer(backend);
    fx = await makeMlflowFixture(s);
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });
  return { server: () => s, fixture: () => fx };
}
