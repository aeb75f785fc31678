import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { RunQueryResult } from '@/lib/track/run-query';
import { containsPattern } from '@/lib/server/run-query/columns';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { putRuns } from './seed-runs';

const P = 'nsearch';

/** Names that tell a contains search apart: case, unicode, LIKE's own `%` `_` `\`, quotes. */
const NAMES: Record<string, string> = {
  upper: 'MNIST Baseline',
  lower: 'mnist-small lr_0.1',
  dash: 'mnist-small lr-0.1',
  percent: 'warmup 100% done',
  pct: 'warmup 100 pct done',
  unicode: 'résumé 日本 🚀 run',
  ecoleUpper: 'ÉCOLE normale',
  ecoleLower: 'école normale',
  quote: 'say "hi" twice',
  slash: 'back\\slash 99',
};

describe.each(BACKENDS)('name ~ "…" through the name index (%s)', (backend) => {
  let s: TestServer;
  const kysely = () => s.server.tracking.services.db.kysely;

  /** Short keys of the runs the API answers for `project = P and (<filter>)`. */
  const ids = async (filter: string, project = P, extra = ''): Promise<string[]> => {
    const res = await s.api(`/api/v1/runs/query?limit=500${extra}&filter=${encodeURIComponent(`project = ${project} and (${filter})`)}`);
    expect(res.status, `${filter}: ${res.status}`).toBe(200);
    return RunQueryResult.parse(await res.json()).rows.map((r) => r.id.slice(project.length + 1)).sort();
  };
  /** The answer of the query before the index (`lower(name) like`, the scan), asked of the same database. */
  const scanned = async (text: string, project = P): Promise<string[]> => {
    const { rows } = await sql<{ id: string }>`select id from runs where project_id = ${project} and deleted_at is null and lower(name) like ${containsPattern(text)} escape '\\'`.execute(kysely());
    return rows.map((r) => r.id.slice(project.length + 1)).sort();
  };
  const quoted = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

  beforeAll(async () => {
    s = await startTestServer({ backend });
    await putRuns(s, Object.entries(NAMES).map(([k, name], i) => makeRun({ id: `${P}-${k}`, name, projectId: P, createdAt: 1_750_000_000_000 + i })));
  });
  afterAll(async () => s?.close());

  it('finds names case-insensitively, with %, _, \\ and " as plain characters, as the scan did', async () => {
    const cases: Array<[string, string[]]> = [
      ['mnist', ['dash', 'lower', 'upper']],
      ['MNIST b', ['upper']],
      ['r_0.', ['lower']], // `_` is not LIKE's any-character here: lr-0.1 stays out
      ['100%', ['percent']],
      ['0% d', ['percent']],
      ['"hi"', ['quote']],
      ['k\\s', ['slash']],
      ['日本 🚀', ['unicode']],
      ['RÉSUMÉ', ['unicode']], // the text is lowercased in full; the names' ASCII only
      ['🚀', ['unicode']], // 1 code point: too short for trigrams, scanned
      ['%', ['percent']], // short: scanned, still literal
      ['x y', []],
      ['zzzz', []],
    ];
    for (const [text, want] of cases) {
      expect(await ids(`name ~ ${quoted(text)}`), text).toEqual(want);
      expect(await scanned(text), `scan: ${text}`).toEqual(want);
    }
    // Non-ASCII case: whatever the database's lower() does (SQLite: ASCII only), the index agrees.
    for (const text of ['école', 'ÉCOLE', 'cole norm']) expect(await ids(`name ~ ${quoted(text)}`), text).toEqual(await scanned(text));
    expect(await ids('name ~ "cole norm"')).toEqual(['ecoleLower', 'ecoleUpper']);
  });

  it('keeps the answer exact inside not / or and beside other terms', async () => {
    const all = Object.keys(NAMES).sort();
    expect(await ids('not name ~ "mnist"')).toEqual(all.filter((k) => !['dash', 'lower', 'upper'].includes(k)));
    expect(await ids('name ~ "mnist" and name ~ "small"')).toEqual(['dash', 'lower']);
    expect(await ids('name ~ "baseline" or name ~ "日本"')).toEqual(['unicode', 'upper']);
    expect(await ids('name ~ "mnist" and not name ~ "lr_0"')).toEqual(['dash', 'upper']);
  });

  it('follows renames, soft deletes, restores and hard deletes', async () => {
    const id = `${P}-rename`;
    await putRuns(s, [makeRun({ id, name: 'first-name alpha', projectId: P })]);
    expect(await ids('name ~ "alpha"')).toEqual(['rename']);
    // Rename through the meta endpoint, then through a PUT of the whole run (the sync path).
    expect((await s.api(`/api/v1/runs/${id}/meta`, jsonInit('PUT', { name: 'second-name BRAVO' }))).status).toBe(200);
    expect(await ids('name ~ "alpha"')).toEqual([]);
    expect(await ids('name ~ "bravo"')).toEqual(['rename']);
    await putRuns(s, [makeRun({ id, name: 'third-name charlie', projectId: P })]);
    expect(await ids('name ~ "bravo"')).toEqual([]);
    expect(await ids('name ~ "charlie"')).toEqual(['rename']);

    expect((await s.api(`/api/v1/runs/${id}`, { method: 'DELETE' })).status).toBeLessThan(300);
    expect(await ids('name ~ "charlie"')).toEqual([]);
    expect(await ids('name ~ "charlie"', P, '&includeDeleted=true')).toEqual(['rename']);
    expect((await s.api(`/api/v1/runs/${id}/restore`, { method: 'POST' })).status).toBeLessThan(300);
    expect(await ids('name ~ "charlie"')).toEqual(['rename']);

    expect(await s.server.tracking.services.runs.delete(id)).toBe(true);
    expect(await ids('name ~ "charlie"', P, '&includeDeleted=true')).toEqual([]);
    if (backend === 'sqlite') {
      // The index holds exactly the runs' names, and FTS5's own check agrees with its content.
      const { rows } = await sql<{ n: number }>`select count(*) as n from runs r join run_name_search s on s.run_id = r.id and s.name = r.name`.execute(kysely());
      const { rows: all } = await sql<{ n: number }>`select (select count(*) from runs) as n`.execute(kysely());
      expect(rows[0].n).toBe(all[0].n);
      expect((await sql<{ n: number }>`select count(*) as n from run_name_search`.execute(kysely())).rows[0].n).toBe(all[0].n);
      await sql`insert into run_name_trigrams (run_name_trigrams, rank) values ('integrity-check', 1)`.execute(kysely());
    }
  });

  it('is an index, not a scan', async () => {
    if (backend === 'sqlite') {
      const { rows } = await sql<{ detail: string }>`explain query plan select s.run_id from run_name_trigrams join run_name_search s on s.seq = run_name_trigrams.rowid where run_name_trigrams match '"mnist"'`.execute(kysely());
      expect(rows.map((r) => r.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
      return;
    }
    // PostgreSQL picks a plan by cost (a scan of 20 runs is cheaper): show the index can answer the filter's own LIKE.
    // (A pinned connection: SET is per session.)
    await kysely().connection().execute(async (db) => {
      await sql`set enable_seqscan = off`.execute(db);
      await sql`set enable_indexscan = off`.execute(db);
      await sql`set enable_indexonlyscan = off`.execute(db);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain select id from runs r where lower(r.name) like ${containsPattern('mnist')} escape '\\'`.execute(db);
      await sql`reset all`.execute(db);
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on runs_name_trgm/);
    });
  });

  it('answers what a JS includes() answers, for random names and texts (property)', async () => {
    const Q = 'nsprop';
    // Uppercase only in ASCII (the databases fold ASCII; JS folds all), lowercase and caseless unicode, LIKE's specials.
    const char = fc.constantFrom(...'aAbBzZ0 9-_%\\".*éß日🚀'.match(/./gu)!);
    const names = fc.sample(fc.array(char, { minLength: 0, maxLength: 12 }).map((cs) => cs.join('')), { numRuns: 60, seed: 11 });
    await putRuns(s, names.map((name, i) => makeRun({ id: `${Q}-${String(i).padStart(2, '0')}`, name, projectId: Q, createdAt: 1_750_000_000_000 + i })));
    const byKey = new Map(names.map((n, i) => [String(i).padStart(2, '0'), n]));
    // Texts: random strings, and pieces of the names themselves (so that many match), in other cases.
    const piece = fc.tuple(fc.constantFrom(...names.filter((n) => n.length > 0)), fc.nat(), fc.integer({ min: 1, max: 6 }), fc.boolean()).map(([n, at, len, up]) => {
      const cs = [...n];
      const start = at % cs.length;
      const t = cs.slice(start, start + len).join('');
      return up ? t.toUpperCase() : t;
    });
    const text = fc.oneof(piece, fc.array(char, { minLength: 1, maxLength: 5 }).map((cs) => cs.join('')));
    let indexed = 0;
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const want = [...byKey].filter(([, n]) => n.toLowerCase().includes(t.toLowerCase())).map(([k]) => k).sort();
        expect(await ids(`name ~ ${quoted(t)}`, Q), t).toEqual(want);
        if ([...t].length >= 3) indexed++;
      }),
      { numRuns: 120, seed: 13 },
    );
    expect(indexed).toBeGreaterThan(30);
  });
});
