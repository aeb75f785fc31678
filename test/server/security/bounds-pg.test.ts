import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProjectListResponse, RunListResponse, RunResponse, runToWire } from '@/lib/track/api';
import { SweepListResponse } from '@/lib/sweep/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

/**
 * The native API with values one database stores and the other refuses: U+0000 (PostgreSQL text
 * cannot hold it) and integers past what BIGINT or a JavaScript number holds exactly. Before,
 * PostgreSQL answered 500 and SQLite stored them; now both answer 400/422 naming the field.
 * Then: one bad stored row must not break the runs list.
 */

const TWO_63 = 2 ** 63;

describe.each(BACKENDS)('bounds: values the database cannot hold (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(() => s?.close());

  async function expectError(res: Response, status: number, field: string, message: RegExp) {
    const body = await res.json();
    expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
    expect(body.error.field).toBe(field);
    expect(body.error.message).toMatch(message);
  }
  const putRun = (run: ReturnType<typeof makeRun>) => s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
  /** After every refusal: a good write and read still work. */
  async function expectAlive() {
    const run = makeRun();
    expect((await putRun(run)).status).toBe(200);
    expect((await s.api(`/api/v1/runs/${run.id}`)).status).toBe(200);
  }

  it('refuses U+0000 in run fields, config keys and values, and tags, naming the field', async () => {
    const cases: Array<[Partial<ReturnType<typeof makeRun>>, string]> = [
      [{ name: 'a\u0000b' }, 'name'],
      [{ config: { lr: 'v\u0000' } }, 'config.lr'],
      [{ config: { 'k\u0000': 1 } }, 'config.k\u0000'],
      [{ tags: { team: 'x\u0000' } }, 'tags.team'],
    ];
    for (const [override, field] of cases) {
      await expectError(await putRun(makeRun(override)), 400, field, /contains a NUL character .*cannot be stored/);
      await expectAlive();
    }
  });

  it('refuses U+0000 in metric keys, project names, sweep names and query parameters', async () => {
    const run = makeRun();
    await putRun(run);
    await expectError(
      await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points: [{ key: 'l\u0000', step: 1, value: 1, timeMs: 1 }] })),
      400,
      'points.0.key',
      /NUL character/,
    );
    await expectError(await s.api('/api/v1/projects', jsonInit('POST', { id: 'pnul', name: 'p\u0000' })), 400, 'name', /NUL character/);
    await expectError(await s.api('/api/v1/sweeps', jsonInit('POST', { name: 'n\u0000', spec: 'method: grid\nparameters:\n  a:\n    values: [1]\n' })), 400, 'name', /NUL character/);
    await expectError(await s.api('/api/v1/runs?sweepId=%00'), 400, 'sweepId', /NUL character \(%00\)/);
    await expectAlive();
  });

  it('refuses timestamps past 2^53 or with fractions, and metric times past 2^53, naming the field', async () => {
    for (const [override, field] of [
      [{ createdAt: TWO_63 * 2 }, 'createdAt'],
      [{ updatedAt: TWO_63 }, 'updatedAt'],
      [{ finishedAt: 1.5 }, 'finishedAt'],
    ] as const) {
      await expectError(await putRun(makeRun(override)), 422, field, new RegExp(field));
      await expectAlive();
    }
    const run = makeRun();
    await putRun(run);
    const batch = (timeMs: number) => s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points: [{ key: 'loss', step: 1, value: 1, timeMs }] }));
    await expectError(await batch(TWO_63 * 2), 422, 'points.0.timeMs', /points\.0\.timeMs/);
    const series = await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { series: [{ key: 'loss', steps: [2 ** 64], values: [1], timesMs: [1] }] }));
    expect(series.status).toBe(422);
    expect((await batch(Number.MAX_SAFE_INTEGER)).status).toBe(200);
    const history = await (await s.api(`/api/v1/runs/${run.id}/metrics/history?key=loss`)).json();
    expect(history.points).toEqual([expect.objectContaining({ step: 1, timeMs: Number.MAX_SAFE_INTEGER })]);
  });

  it('keeps the runs list whole when one stored row is over a limit or unreadable', async () => {
    const [good, long, broken] = [makeRun({ name: 'good' }), makeRun(), makeRun()];
    for (const r of [good, long, broken]) expect((await putRun(r)).status).toBe(200);
    // Rows as an older version (or a hand edit) could have left them.
    const { kysely } = s.server.tracking.services.db;
    await kysely.updateTable('runs').set({ name: 'n'.repeat(300), owner: 'o'.repeat(200) }).where('id', '=', long.id).execute();
    await kysely.updateTable('runs').set({ config: '{not json' }).where('id', '=', broken.id).execute();

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const res = await s.api('/api/v1/runs?limit=1000');
      expect(res.status).toBe(200);
      const { runs } = RunListResponse.parse(await res.json());
      const ids = runs.map((r) => r.id);
      expect(ids).toContain(good.id);
      expect(ids).not.toContain(broken.id);
      expect(runs.find((r) => r.id === long.id)).toMatchObject({ name: 'n'.repeat(256), owner: 'o'.repeat(128) });
      const one = RunResponse.parse(await (await s.api(`/api/v1/runs/${long.id}`)).json());
      expect(one.run.name).toHaveLength(256);
      const logged = warn.mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toContain(`run "${broken.id}" left out of a list`);
      expect(logged).toContain(`run "${long.id}": stored name, owner over the wire limit`);
    } finally {
      warn.mockRestore();
    }
  });

  it('keeps the projects and sweeps lists whole when one stored row is bad', async () => {
    const spec = 'method: grid\nparameters:\n  a:\n    values: [1]\n';
    const [good, broken] = await Promise.all([0, 1].map(async () => (await (await s.api('/api/v1/sweeps', jsonInit('POST', { spec }))).json()).sweep.id as string));
    expect((await s.api('/api/v1/projects', jsonInit('POST', { id: 'long-name', name: 'p' }))).status).toBe(201);
    const { kysely } = s.server.tracking.services.db;
    await kysely.updateTable('sweeps').set({ state: '{"broken":' }).where('id', '=', broken).execute();
    await kysely.updateTable('projects').set({ name: 'p'.repeat(300) }).where('id', '=', 'long-name').execute();

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const sweeps = SweepListResponse.parse(await (await s.api('/api/v1/sweeps')).json()).sweeps.map((x) => x.id);
      expect(sweeps).toContain(good);
      expect(sweeps).not.toContain(broken);
      const projects = ProjectListResponse.parse(await (await s.api('/api/v1/projects')).json()).projects;
      expect(projects.find((p) => p.id === 'long-name')?.name).toHaveLength(256);
      const logged = warn.mock.calls.map((c) => String(c[0])).join('\n');
      expect(logged).toContain(`sweep "${broken}" left out of a list`);
    } finally {
      warn.mockRestore();
    }
  });
});
