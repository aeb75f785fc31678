import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runSweepAgent } from '@/lib/sweep/agent';
import { createSweepHttpClient } from '@/lib/sweep/http-client';
import { runToWire, type MetricBatchRequestJson } from '@/lib/track/api';
import { createTestDatabase } from '../server/pg';
import { makeRun } from '../server/fixtures';
import { startAppServer, type AppServer } from './app-server';
import { launchChromium, openPage } from './browser';

/**
 * Scaling out (README "Scaling out"): two production app processes (the build global-setup
 * made) on ports E2E_PORT+1 and E2E_PORT+2, over one fresh PostgreSQL database and one shared
 * data directory (artifacts, token file), as compose.yaml runs them. Each check splits its
 * clients across both instances, so it fails if either instance keeps state the other
 * cannot see.
 */

const basePort = Number(process.env.E2E_PORT ?? 3999);
const token = randomBytes(24).toString('base64url');
const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
});
const authed: RequestInit = { headers: { authorization: `Bearer ${token}` } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ok<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

describe('two app instances over one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let instances: AppServer[] = [];
  let browser: Browser | undefined;
  const urlOf = (i: number) => instances[i % 2].url;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'benchtop-e2e-two-'));
    const env = { BENCHTOP_DATA_DIR: dataDir, DATABASE_URL: db.url, BENCHTOP_TOKEN: token, BENCHTOP_REQUIRE_TOKEN: '1' };
    const started = await Promise.allSettled([basePort + 1, basePort + 2].map((port) => startAppServer({ port, env })));
    // Keep whichever started, so afterAll stops it even when the other failed.
    instances = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  });
  afterAll(async () => {
    await browser?.close();
    for (const s of instances) s.stop();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('both instances answer from the same PostgreSQL (first requests race to migrate it)', async () => {
    const health = await Promise.all([0, 1].map((i) => ok<{ ok: boolean; database: string }>(fetch(`${urlOf(i)}/api/v1/health`, authed))));
    expect(health).toEqual([
      { ok: true, database: 'postgres', access: 'token' },
      { ok: true, database: 'postgres', access: 'token' },
    ]);
  });

  it("leases each of a server sweep's trials exactly once to agents on both instances", async () => {
    const clients = [0, 1].map((i) => createSweepHttpClient({ baseUrl: urlOf(i), token }));
    const sweep = await clients[0].create({
      spec: { method: 'grid', metric: { name: 'loss', goal: 'minimize' }, parameters: { a: { values: [1, 2, 3, 4, 5, 6] }, b: { values: [1, 2, 3, 4] } } },
      leaseMs: 60_000,
    });
    const trained: Array<{ trialId: string; config: string; instance: number }> = [];
    const agents = Array.from({ length: 12 }, (_, i) =>
      runSweepAgent({
        client: clients[i % 2],
        sweepId: sweep.id,
        agentId: `agent-${i}`,
        async train(config, ctx) {
          trained.push({ trialId: ctx.trialId, config: JSON.stringify(config), instance: i % 2 });
          await sleep(20); // hold the lease while other agents lease
          await ctx.reportEpoch(1, { loss: (config.a as number) * (config.b as number) });
          return { metric: (config.a as number) * (config.b as number) };
        },
      }),
    );
    const results = await Promise.all(agents);
    expect(trained).toHaveLength(24);
    expect(new Set(trained.map((t) => t.trialId)).size).toBe(24);
    expect(new Set(trained.map((t) => t.config)).size).toBe(24);
    expect(new Set(trained.map((t) => t.instance))).toEqual(new Set([0, 1]));
    expect(results.reduce((n, r) => n + r.trials, 0)).toBe(24);
    const final = await clients[1].get(sweep.id);
    expect(final.status).toBe('finished');
    expect(final.state.trials.map((t) => t.status)).toEqual(Array(24).fill('finished'));
  });

  it('stores 50 clients × 1,000 points sent through both instances exactly once, re-sends included', async () => {
    const RUNS = 10;
    const CLIENTS = 50;
    const POINTS = 1_000;
    const BATCH = 250;
    // Five clients share each run (and its one key), so batches of one series race across instances.
    const runs = Array.from({ length: RUNS }, (_, i) => makeRun({ name: `ingest ${i}`, projectId: 'two-instances' }));
    await Promise.all(runs.map((run, i) => ok(fetch(`${urlOf(i)}/api/v1/runs/${run.id}`, json('PUT', runToWire(run))))));
    const batchOf = (client: number, b: number): MetricBatchRequestJson => {
      const first = client * POINTS + b * BATCH; // each client owns a disjoint step range of its run
      const steps = Array.from({ length: BATCH }, (_, k) => first + k);
      return { series: [{ key: 'loss', steps, values: steps.map((s) => Math.sin(s)), timesMs: steps.map((s) => 1_700_000_000_000 + s) }] };
    };
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const runId = runs[c % RUNS].id;
        for (let b = 0; b < POINTS / BATCH; b++) {
          await ok(fetch(`${urlOf(c + b)}/api/v1/runs/${runId}/metrics`, json('POST', batchOf(c, b))));
        }
        // A retry after a lost answer goes to the other instance: it must change nothing.
        await ok(fetch(`${urlOf(c + 1)}/api/v1/runs/${runId}/metrics`, json('POST', batchOf(c, 0))));
      }),
    );
    let total = 0;
    for (const [i, run] of runs.entries()) {
      const { keys } = await ok<{ keys: Array<{ key: string; count: number; minStep: number; maxStep: number }> }>(
        fetch(`${urlOf(i + 1)}/api/v1/runs/${run.id}/metrics/keys`, authed),
      );
      expect(keys).toHaveLength(1);
      const perRun = (CLIENTS / RUNS) * POINTS;
      expect(keys[0]).toMatchObject({ key: 'loss', count: perRun });
      // The rollups agree with the points: a full-range history sums to the same count.
      const history = await ok<{ points: Array<{ count?: number }> }>(fetch(`${urlOf(i)}/api/v1/runs/${run.id}/metrics/history?key=loss&maxPoints=100`, authed));
      expect(history.points.reduce((n, p) => n + (p.count ?? 1), 0)).toBe(perRun);
      total += keys[0].count;
    }
    expect(total).toBe(CLIENTS * POINTS);
  });

  it('shows a run logged through instance A live on instance B, and through a share link made on A', async () => {
    const [a, b] = [instances[0].url, instances[1].url];
    const run = makeRun({ name: `live across instances ${Date.now()}`, status: 'running' });
    await ok(fetch(`${a}/api/v1/runs/${run.id}`, json('PUT', runToWire(run))));
    const log = (from: number, n: number) =>
      ok(fetch(`${a}/api/v1/runs/${run.id}/metrics`, json('POST', { series: [{ key: 'acc', steps: [...Array(n).keys()].map((k) => from + k), values: Array(n).fill(0.5), timesMs: Array(n).fill(Date.now()) }] })));
    await log(0, 10);
    const { share } = await ok<{ share: { token: string; path: string } }>(fetch(`${a}/api/v1/runs/${run.id}/shares`, json('POST', {})));

    // The API of B: the run, its points, and the share link (no token needed for that one).
    expect((await ok<{ run: { name: string } }>(fetch(`${b}/api/v1/runs/${run.id}`, authed))).run.name).toBe(run.name);
    const shared = await ok<{ run: { name: string }; metricKeys: Array<{ count: number }> }>(fetch(`${b}/api/v1/shares/${share.token}`));
    expect(shared.run.name).toBe(run.name);
    expect(shared.metricKeys[0].count).toBe(10);

    // The share page served by B follows the running run as A receives more points.
    browser = await launchChromium({ webgpu: false });
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${b}${share.path}`);
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toContain('10 points');
    await log(10, 15);
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toContain('25 points');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(run.name);

    // Revoked on B, the link stops working on A at once: nothing is cached per instance.
    expect((await fetch(`${b}/api/v1/shares/${share.token}`, { method: 'DELETE', ...authed })).status).toBe(204);
    expect((await fetch(`${a}/api/v1/shares/${share.token}`)).status).toBe(404);
    expect(errors).toEqual([]);
  });
});
