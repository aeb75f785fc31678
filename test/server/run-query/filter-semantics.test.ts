import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesFilter, parseRunFilter } from '@/lib/track/run-filter';
import { RunQueryResult, type RunRow } from '@/lib/track/run-query';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { putRuns, queryFixtureRuns } from './seed-runs';

const P = 'fsem';

describe.each(BACKENDS)('run filter semantics over HTTP (%s)', (backend) => {
  let s: TestServer;
  let all: RunRow[];
  const ids = async (filter: string): Promise<string[]> => {
    const res = await s.api(`/api/v1/runs/query?limit=500&filter=${encodeURIComponent(`project = ${P} and (${filter})`)}`);
    expect(res.status, `${filter}: ${res.status}`).toBe(200);
    const body = RunQueryResult.parse(await res.json());
    expect(body.total).toBe(body.rows.length);
    return body.rows.map((r) => r.id.slice(P.length + 1)).sort();
  };
  const nums = (...n: number[]) => n.map((i) => String(i).padStart(2, '0')).sort();
  const range = (pred: (i: number) => boolean) => nums(...Array.from({ length: 30 }, (_, i) => i).filter(pred));

  beforeAll(async () => {
    s = await startTestServer({ backend });
    await putRuns(s, queryFixtureRuns(P));
    all = RunQueryResult.parse(await (await s.api(`/api/v1/runs/query?limit=500&filter=project%3D${P}`)).json()).rows;
  });
  afterAll(async () => s?.close());

  it('answers every run with its typed params, metrics and tags', () => {
    expect(all).toHaveLength(30);
    const r1 = all.find((r) => r.id === `${P}-01`)!;
    expect(r1.params).toMatchObject({ opt: 'sgd', flag: false, 'nested.depth': 1, lr: 0.01 });
    expect(r1.metrics.loss.last).toBe(Number.POSITIVE_INFINITY);
    expect(all.find((r) => r.id === `${P}-09`)!.metrics.loss.last).toBeNaN();
    expect(r1).toMatchObject({ owner: 'bob', backend: 'cpu', deletedAt: null, notes: null, tags: { team: 'b' } });
  });

  it('compares numeric params as numbers and treats a missing key as false, also for != (not negates)', async () => {
    expect(await ids('params.lr < 0.05')).toEqual(range((i) => i % 7 !== 0 && i % 3 !== 0));
    expect(await ids('params.lr != 0.1')).toEqual(range((i) => i % 7 !== 0 && i % 3 !== 0));
    expect(await ids('not params.lr = 0.1')).toEqual(range((i) => i % 7 === 0 || i % 3 !== 0));
    expect(await ids('params.nested.depth >= 2')).toEqual(range((i) => i % 3 === 2));
    // A number matches numeric params only; text matches the text form of any param.
    expect(await ids('params.mixed = 5')).toEqual(range((i) => i % 5 === 0 && i % 10 !== 0));
    expect(await ids('params.mixed = "5"')).toEqual(range((i) => i % 5 === 0 && i % 10 !== 0));
    expect(await ids('params.mixed ~ "X"')).toEqual(range((i) => i % 10 === 0));
    expect(await ids('params.flag = true')).toEqual(range((i) => i % 4 === 0));
    expect(await ids('params.lr')).toEqual(range((i) => i % 7 !== 0));
    expect(await ids('params.opt in (adam, "nope")')).toEqual(range((i) => i % 2 === 0));
    expect(await ids('params.opt not in (adam)')).toEqual(range((i) => i % 2 === 1));
  });

  it('compares metrics by last, min or max; NaN compares false; Infinity is the largest', async () => {
    expect(await ids('metrics.loss > 1')).toEqual(nums(1));
    expect(await ids('metrics.loss.last > 0.09')).toEqual(range((i) => i % 6 !== 0 && i % 9 !== 0 && 1 / (i + 1) > 0.09));
    expect(await ids('metrics.loss.min < 0.05')).toEqual(range((i) => i % 6 !== 0 && 1 / (i + 2) < 0.05));
    expect(await ids('metrics.loss.max >= 3.5')).toEqual(range((i) => i % 6 !== 0 && 1 + i / 10 >= 3.5));
    expect(await ids('metrics.val/acc >= 0.5')).toEqual(range((i) => i % 2 === 0 && i / 30 >= 0.5));
    expect(await ids('metrics.loss')).toEqual(range((i) => i % 6 !== 0));
    expect(await ids('not metrics.loss')).toEqual(range((i) => i % 6 === 0));
  });

  it('filters run columns, tags, null columns, dates, contains, and/or/not with precedence', async () => {
    expect(await ids('status = finished')).toEqual(range((i) => i % 3 === 1));
    expect(await ids('state != finished and owner = null')).toEqual(range((i) => i % 3 !== 1 && i % 5 === 0));
    expect(await ids('owner != null and owner != "bob"')).toEqual(range((i) => i % 5 !== 0 && i % 2 === 0));
    expect(await ids('finishedAt')).toEqual(range((i) => i % 3 === 1));
    expect(await ids('name ~ "AMM"')).toEqual(range((i) => i % 3 === 2));
    expect(await ids('tags.baseline')).toEqual(range((i) => i % 3 === 0));
    expect(await ids('tags.team = "b" or tags.baseline = yes and status = running')).toEqual(range((i) => i % 2 === 1 || (i % 3 === 0 && i % 3 === 0)));
    expect(await ids('(tags.team = "b" or tags.baseline) and not status = running')).toEqual(range((i) => (i % 2 === 1 || i % 3 === 0) && i % 3 !== 0));
    expect(await ids(`createdAt >= ${1_750_000_000_000 + 14_000}`)).toEqual(range((i) => i >= 28));
    expect(await ids('createdAt < "2025-06-15T15:06:42Z"')).toEqual(range((i) => 1_750_000_000_000 + Math.floor(i / 2) * 1000 < Date.parse('2025-06-15T15:06:42Z')));
    expect(await ids('createdAt > 1750000000000.5')).toEqual(range((i) => i >= 2));
  });

  it('answers 400 bad_filter with the offset of the token', async () => {
    for (const [filter, offset] of [
      ['params.lr < 0.01 and foo = 1', 21],
      ['metrics.loss = "low"', 15],
      ['name = "open', 7],
      ['createdAt ~ "x"', 12],
    ] as const) {
      const res = await s.api(`/api/v1/runs/query?filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(400);
      const { error } = await res.json();
      expect(error).toMatchObject({ code: 'bad_filter', field: 'filter', offset });
      expect(error.length).toBeGreaterThanOrEqual(0);
    }
    const sort = await s.api('/api/v1/runs/query?sort=-nope');
    expect((await sort.json()).error).toMatchObject({ code: 'bad_filter', field: 'sort', offset: 1, length: 4 });
  });

  it('agrees with the in-memory evaluator on random filters (property)', async () => {
    const field = fc.constantFrom('params.lr', 'params.opt', 'params.mixed', 'params.flag', 'params.nested.depth', 'params.nope', 'metrics.loss', 'metrics.loss.min', 'metrics.val/acc.max', 'tags.team', 'tags.baseline', 'name', 'status', 'owner', 'finishedAt');
    const value = fc.oneof(fc.constantFrom(0, 0.01, 0.1, 0.5, 1, 5, 1e300, -1), fc.constantFrom('"adam"', '"b"', '"yes"', '"x5"', '"5"', '"alpha 3"', 'finished', 'true', 'null', '"bob"'));
    const op = fc.constantFrom('=', '!=', '<', '<=', '>', '>=');
    const atom = fc.oneof(
      fc.tuple(field, op, value).map(([f, o, v]) => `${f} ${o} ${v}`),
      fc.tuple(field, fc.constantFrom('"a"', '"5"', '"Al"')).map(([f, v]) => `${f} ~ ${v}`),
      field,
      fc.tuple(field, fc.array(value, { minLength: 1, maxLength: 3 })).map(([f, vs]) => `${f} in (${vs.join(', ')})`),
    );
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof({ depthSize: 'small' }, atom, fc.tuple(tie('e'), fc.constantFrom('and', 'or'), tie('e')).map(([a, o, b]) => `(${a} ${o} ${b})`), tie('e').map((a) => `not ${a}`)),
    })).e;
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(expr, async (text) => {
        const parsed = parseRunFilter(text);
        if (!parsed.ok) return; // e.g. a metric against text: a 400, checked above
        const res = await s.api(`/api/v1/runs/query?limit=500&filter=${encodeURIComponent(`project = ${P} and (${text})`)}`);
        if (res.status === 400) return; // meaning errors (a time against text)
        expect(res.status).toBe(200);
        const got = RunQueryResult.parse(await res.json()).rows.map((r) => r.id).sort();
        const want = all.filter((r) => matchesFilter(parsed.ast, r)).map((r) => r.id).sort();
        expect(got, text).toEqual(want);
        checked++;
      }),
      { numRuns: 80, seed: 13 },
    );
    expect(checked).toBeGreaterThan(40);
  });
});
