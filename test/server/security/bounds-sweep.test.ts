import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSweepCell } from '@/lib/notebook/sweep-cell';
import { runToWire } from '@/lib/track/api';
import { childServerEnv, freePort, kill, spawnServer } from '../child-server';
import { makeRun } from '../fixtures';
import { BACKENDS } from '../harness';

/**
 * Nesting and alias bombs sent to a server running as a child process: before the limits, a
 * sweep spec 5,000 levels deep killed the process (V8's regex compiler ran out of memory inside
 * the YAML parser), so the test runner must not be that process. Every case must be a 4xx that
 * names the limit, and the same server must then still answer a good request.
 */

const TOKEN = 'bounds-test-token-0123456789abcdef';
const GOOD_SPEC = 'method: grid\nparameters:\n  lr:\n    values: [0.1, 0.01]\n';
const nestedJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  ...['b', 'c', 'd', 'e', 'f'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(', ')}]`),
  'method: grid',
  'parameters:',
  '  lr:',
  '    values: *f',
].join('\n');

describe.each(BACKENDS)('bounds: nesting and aliases (%s)', (backend) => {
  let server: ChildProcess;
  let baseUrl = '';
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    const child = await childServerEnv(backend, TOKEN);
    cleanups.push(() => child.cleanup());
    const env = { ...child.env, PORT: String(await freePort()) };
    baseUrl = `http://127.0.0.1:${env.PORT}`;
    server = await spawnServer(env);
    cleanups.push(() => kill(server));
  }, 90_000);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  const send = (method: string, path: string, body: string) =>
    fetch(baseUrl + path, { method, body, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });

  /** The bad request's answer, then proof the same process still serves a good sweep. */
  async function expectRefusedAndAlive(res: Response, status: number, limit: RegExp) {
    const body = await res.json();
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
    expect(body.error.message).toMatch(limit);
    const good = await send('POST', '/api/v1/sweeps', JSON.stringify({ spec: GOOD_SPEC }));
    expect(good.status).toBe(201);
    expect(server.exitCode).toBeNull();
  }

  it.each([5_000, 50_000])('refuses a JSON sweep spec nested %i deep with 422 naming the limit of 64', async (depth) => {
    const spec = `{"method":"grid","parameters":{"a":{"values":${nestedJson(depth)}}}}`;
    await expectRefusedAndAlive(await send('POST', '/api/v1/sweeps', JSON.stringify({ spec })), 422, /nests more than 64 levels.*limit is 64/);
  });

  it.each([5_000, 50_000])('refuses a YAML sweep spec nested %i deep (block and flow) with 422', async (depth) => {
    const block = `method: grid\nparameters:\n  a:\n    value:\n      ${'- '.repeat(depth)}x\n`;
    await expectRefusedAndAlive(await send('POST', '/api/v1/sweeps', JSON.stringify({ spec: block })), 422, /limit is 64/);
    const flow = `method: grid\nparameters:\n  a:\n    value: ${nestedJson(depth)}\n`;
    await expectRefusedAndAlive(await send('POST', '/api/v1/sweeps', JSON.stringify({ spec: flow })), 422, /limit is 64/);
  });

  it('refuses a sweep spec object nested past the limits: 400 for the body (100), 422 for the spec (64)', async () => {
    const deepBody = `{"spec":{"method":"grid","parameters":{"a":{"value":${nestedJson(5_000)}}}}}`;
    await expectRefusedAndAlive(await send('POST', '/api/v1/sweeps', deepBody), 400, /nests more than 100 levels.*limit is 100/);
    const deepSpec = `{"spec":{"method":"grid","parameters":{"a":{"value":${nestedJson(70)}}}}}`;
    await expectRefusedAndAlive(await send('POST', '/api/v1/sweeps', deepSpec), 422, /nests more than 64 levels.*limit is 64/);
  });

  it('refuses a YAML alias bomb with 422 naming the limit of 100 aliases', async () => {
    await expectRefusedAndAlive(await send('POST', '/api/v1/sweeps', JSON.stringify({ spec: ALIAS_BOMB })), 422, /alias.*limit is 100/);
  });

  it('leases from a grid of 10^9 values without listing it, and refuses hyperband s past 100 brackets', async () => {
    const grid = await send('POST', '/api/v1/sweeps', JSON.stringify({ spec: 'method: grid\nparameters:\n  a: {distribution: int_uniform, min: 0, max: 1000000000}\n' }));
    const { sweep } = await grid.json();
    const lease = await send('POST', `/api/v1/sweeps/${sweep.id}/lease`, JSON.stringify({ agentId: 'a' }));
    expect(await lease.json()).toMatchObject({ kind: 'trial', config: { a: 0 } });
    const hyperband = 'method: random\nmetric: {name: loss}\nparameters:\n  a: {values: [1]}\nearly_terminate: {type: hyperband, max_iter: 1000000000000000, s: 1000000000000000, eta: 1.0000000001}\n';
    await expectRefusedAndAlive(await send('POST', '/api/v1/sweeps', JSON.stringify({ spec: hyperband })), 422, /s \(the number of brackets\) must be ≤ 100/);
  });

  it('refuses a run config nested 10,000 deep (400, body limit) and 65 deep (422, config limit); 64 is stored', async () => {
    const runBody = (depth: number) => {
      const run = makeRun({ config: { lr: 0.1, deep: '__DEEP__' } });
      return { id: run.id, text: JSON.stringify(runToWire(run)).replace('"__DEEP__"', `${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}`) };
    };
    for (const [depth, status, limit] of [[10_000, 400, /limit is 100/], [65, 422, /config: nests more than 64 levels.*limit is 64/]] as const) {
      const { id, text } = runBody(depth);
      await expectRefusedAndAlive(await send('PUT', `/api/v1/runs/${id}`, text), status, limit);
    }
    const ok = runBody(64);
    expect((await send('PUT', `/api/v1/runs/${ok.id}`, ok.text)).status).toBe(200);
    const back = await (await fetch(`${baseUrl}/api/v1/runs/${ok.id}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    let depth = 0;
    for (let v = back.run.config; typeof v === 'object'; v = v.deep ?? v.a) depth++;
    expect(depth).toBe(64);
  });
});

describe('bounds: the sweep cell in the browser shows the same limits', () => {
  it('names the depth limit at the line that passed it, and the alias limit', () => {
    const deep = analyzeSweepCell(`function: train\nmethod: grid\nparameters:\n  a:\n    value: ${nestedJson(5_000)}\n`);
    expect(deep.ok).toBe(false);
    expect(!deep.ok && deep.errors[0]).toMatchObject({ line: 5, message: expect.stringMatching(/nests more than 64 levels.*limit is 64/) });
    const bomb = analyzeSweepCell(ALIAS_BOMB);
    expect(!bomb.ok && bomb.errors[0].message).toMatch(/limit is 100/);
    expect(analyzeSweepCell(`function: train\n${GOOD_SPEC}`).ok).toBe(true);
  });
});
