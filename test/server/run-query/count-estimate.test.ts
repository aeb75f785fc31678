import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '@/lib/server/db/connect';
import { countOrEstimate, countRuns } from '@/lib/server/run-query/count';
import { planRunQuery } from '@/lib/server/run-query/plan';
import { runGroups } from '@/lib/server/run-query/aggregate';
import { drivenWhere } from '@/lib/server/run-query/driving';
import { queryRuns } from '@/lib/server/run-query/query';
import { seedRuns } from '@/bench/lib/seed-runs';
import { BACKENDS, tempDataDir } from '../harness';
import { createTestDatabase } from '../pg';

const RUNS = 3000;

/** Past the exact cap a total is estimated from a fixed sample; under it, counted exactly. */
describe.each(BACKENDS)('runs query total: exact up to the cap, then a sampled estimate (%s)', (backend) => {
  let db: Db;
  let dir: string;
  let pgDb: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  const where = (filter: string) => planRunQuery({ filter, includeDeleted: false }, backend).where;
  const exactly = async (filter: string) => (await countRuns(db.kysely, where(filter), 1_000_000)).total;

  beforeAll(async () => {
    dir = tempDataDir();
    pgDb = backend === 'postgres' ? await createTestDatabase() : undefined;
    db = await openDb(pgDb ? { databaseUrl: pgDb.url } : { sqlitePath: path.join(dir, 'db.sqlite') });
    await seedRuns(db, RUNS, { historyRuns: 0 });
    // PostgreSQL's row estimate (pg_class.reltuples) sizes the sample once the table is analyzed.
    await sql`analyze`.execute(db.kysely);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await pgDb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([['project = default'], ['params.optimizer = adam'], ['params.lr < 0.01 and metrics.acc > 1.5'], ['tags.baseline or status = failed']])(
    'estimates %s within 15 % past the cap, the same answer every time',
    async (filter) => {
      const exact = await exactly(filter);
      expect(exact).toBeGreaterThan(300);
      const first = await countOrEstimate(db.kysely, backend, where(filter), { cap: 100, sampleRuns: 500 });
      expect(first.exact).toBe(false);
      expect(Math.abs(first.total - exact) / exact, `${first.total} vs ${exact}`).toBeLessThan(0.15);
      expect(await countOrEstimate(db.kysely, backend, where(filter), { cap: 100, sampleRuns: 500 })).toEqual(first);
    },
  );

  it('counts exactly under the cap, and when the sample would be the whole table', async () => {
    const filter = 'params.optimizer = adam and params.batch_size = 16';
    const exact = await exactly(filter);
    expect(await countOrEstimate(db.kysely, backend, where(filter), { cap: 1000 })).toEqual({ total: exact, exact: true });
    const all = await exactly('project = default');
    expect(await countOrEstimate(db.kysely, backend, where('project = default'), { cap: 100, sampleRuns: 10 * RUNS })).toEqual({ total: all, exact: true });
  });

  it('never estimates at or below the cap it went past', async () => {
    // 1 run in 10 has the tag; a sample of 50 runs may hold none of them.
    const est = await countOrEstimate(db.kysely, backend, where('tags.baseline'), { cap: 250, sampleRuns: 50 });
    expect(est.exact).toBe(false);
    expect(est.total).toBeGreaterThan(250);
  });

  it('groups over a fixed sample past maxRuns: counts scaled to within 15 %, the same groups', async () => {
    const by = { kind: 'param', key: 'optimizer' } as const;
    const ask = (maxRuns?: number) => runGroups(db.kysely, { dialect: backend, where: where(''), by, byText: 'params.optimizer', metrics: ['acc'], maxRuns });
    const exact = (await ask())!;
    expect(exact.sampled).toBeUndefined();
    expect(exact.groups.reduce((n, g) => n + g.count, 0)).toBe(RUNS);
    const sampled = (await ask(500))!;
    expect(sampled.sampled).toBeGreaterThan(0.1);
    expect(sampled.sampled).toBeLessThan(0.5);
    expect(sampled.groups.map((g) => g.key).sort()).toEqual(exact.groups.map((g) => g.key).sort());
    for (const g of sampled.groups) {
      const e = exact.groups.find((x) => x.key === g.key)!;
      expect(Math.abs(g.count - e.count) / e.count, `${g.key}: ${g.count} vs ${e.count}`).toBeLessThan(0.15);
      // acc's last value is uniform in [1, 2): a sample's mean is within a few hundredths.
      expect(Math.abs(Number(g.metrics.acc.mean) - Number(e.metrics.acc.mean))).toBeLessThan(0.05);
    }
    expect(await ask(500)).toEqual(sampled);
  });

  it('starts from the most selective param term on SQLite (an id list), with the same rows', async () => {
    const plan = planRunQuery({ filter: 'params.lr < 1 and params.seed < 5 and metrics.acc > 0', includeDeleted: false }, backend);
    const where = await drivenWhere(db.kysely, plan);
    if (backend === 'postgres') {
      expect(where).toBe(plan.where); // PostgreSQL's planner picks from its statistics
    } else {
      const compiled = sql`${where}`.compile(db.kysely);
      const at = compiled.sql.indexOf('r.id in (select run_id from');
      expect(at).toBeGreaterThan(0);
      // The id list's key parameter: the placeholders before it say which term it is.
      expect(compiled.parameters[compiled.sql.slice(0, at).split('?').length - 1]).toBe('seed');
      expect(compiled.sql.split('r.id in (').length).toBe(2);
    }
    const page = await queryRuns(db.kysely, plan, { limit: 10, columns: {} });
    expect(page.rows.map((r) => r.id)).toEqual(['b-0000004', 'b-0000003', 'b-0000002', 'b-0000001', 'b-0000000']);
    expect(page).toMatchObject({ total: 5, totalExact: true, nextCursor: null });
  });

  it('counts an unfiltered table exactly, however many runs', async () => {
    const plan = planRunQuery({ includeDeleted: false }, backend);
    expect(await queryRuns(db.kysely, plan, { limit: 1, columns: {} })).toMatchObject({ total: RUNS, totalExact: true });
  });
});
