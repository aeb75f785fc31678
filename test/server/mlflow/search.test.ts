import { describe, expect, it } from 'vitest';
import { matchesAll, type Searchable } from '@/lib/server/mlflow/search/evaluate';
import { compileLike } from '@/lib/server/mlflow/search/like';
import { parseFilter } from '@/lib/server/mlflow/search/filter';
import { compareBy, parseOrderBy } from '@/lib/server/mlflow/search/order-by';
import { decodePageToken, encodePageToken, pageOf, PageTokenError } from '@/lib/server/mlflow/search/page-token';
import { SearchSyntaxError } from '@/lib/server/mlflow/search/scanner';
import { EXPERIMENT_SEARCH, RUN_SEARCH } from '@/lib/server/mlflow/search/schema';

function run(id: string, o: { metrics?: Record<string, number>; params?: Record<string, string>; tags?: Record<string, string>; start?: number; end?: number | null; status?: string; name?: string }): Searchable & { id: string } {
  return {
    id,
    attributes: new Map<string, string | number | null>([
      ['run_id', id],
      ['run_name', o.name ?? id],
      ['status', o.status ?? 'FINISHED'],
      ['user_id', 'ann'],
      ['start_time', o.start ?? 0],
      ['end_time', o.end === undefined ? 10 : o.end],
    ]),
    metrics: new Map(Object.entries(o.metrics ?? {})),
    params: new Map(Object.entries(o.params ?? {})),
    tags: new Map(Object.entries(o.tags ?? {})),
  };
}

const RUNS = [
  run('a', { metrics: { acc: 0.91, 'val loss': 0.3 }, params: { optimizer: 'adam', lr: '0.01' }, tags: { 'data-set': 'MNIST-small' }, start: 3 }),
  run('b', { metrics: { acc: 0.85 }, params: { optimizer: 'sgd', lr: '0.1' }, tags: { 'data-set': 'mnist' }, start: 2, status: 'RUNNING', end: null }),
  run('c', { metrics: { acc: Number.NaN }, params: { optimizer: 'Adam' }, start: 1, status: 'FAILED' }),
  run('d', { params: { optimizer: 'adam' }, start: 4 }),
];

const ids = (filter: string) => RUNS.filter((r) => matchesAll(parseFilter(filter, RUN_SEARCH), r)).map((r) => r.id);

describe('runs/search filter grammar', () => {
  it('compares metrics numerically against the latest value; runs without the metric never match', () => {
    expect(ids('metrics.acc > 0.9')).toEqual(['a']);
    expect(ids('metrics.acc >= 0.85')).toEqual(['a', 'b']);
    expect(ids('metric.acc != 0.91')).toEqual(['b', 'c']); // NaN != x, as in Python; d has no acc
    expect(ids('metrics.acc < 1e3')).toEqual(['a', 'b']);
    expect(ids('metrics.acc > -1')).toEqual(['a', 'b']);
  });

  it('compares params and tags as strings, with LIKE case-sensitive and ILIKE not', () => {
    expect(ids("params.optimizer = 'adam'")).toEqual(['a', 'd']);
    expect(ids('params.optimizer = "adam"')).toEqual(['a', 'd']);
    expect(ids("params.optimizer != 'adam'")).toEqual(['b', 'c']);
    expect(ids("params.optimizer LIKE 'a%'")).toEqual(['a', 'd']);
    expect(ids("params.optimizer ILIKE 'a%'")).toEqual(['a', 'c', 'd']);
    expect(ids("params.optimizer like '_gd'")).toEqual(['b']);
    expect(ids("tags.`data-set` ILIKE '%mnist%'")).toEqual(['a', 'b']);
    expect(ids('tags."data-set" = \'mnist\'')).toEqual(['b']);
    expect(ids("params.lr = '0.01'")).toEqual(['a']);
  });

  it('reads quoted identifiers with spaces, and keys with dots', () => {
    expect(ids('metrics."val loss" < 0.5')).toEqual(['a']);
    expect(ids('metrics.`val loss` < 0.5')).toEqual(['a']);
    const nested = run('n', { params: { 'model.depth': '3' } });
    expect(matchesAll(parseFilter("params.model.depth = '3'", RUN_SEARCH), nested)).toBe(true);
  });

  it('filters attributes: status, start/end time, run name aliases, run_id IN', () => {
    expect(ids("attributes.status = 'RUNNING'")).toEqual(['b']);
    expect(ids("status != 'RUNNING'")).toEqual(['a', 'c', 'd']);
    expect(ids('attributes.start_time >= 3')).toEqual(['a', 'd']);
    expect(ids('created < 2')).toEqual(['c']);
    expect(ids('attributes.end_time > 0')).toEqual(['a', 'c', 'd']); // a running run has no end time
    expect(ids("attributes.`Run name` = 'c'")).toEqual(['c']);
    expect(ids("attributes.run_id IN ('a', 'c')")).toEqual(['a', 'c']);
    expect(ids("run_id NOT IN ('a')")).toEqual(['b', 'c', 'd']);
  });

  it('joins clauses with AND (any case) and accepts an empty filter', () => {
    expect(ids("params.optimizer = 'adam' and metrics.acc > 0.5 AND attributes.status = 'FINISHED'")).toEqual(['a']);
    expect(ids('')).toEqual(['a', 'b', 'c', 'd']);
    expect(ids('   ')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseFilter("tags.x = 'it''s'", RUN_SEARCH)).toEqual([{ kind: 'string', entity: 'tag', key: 'x', op: '=', value: "it's" }]);
  });

  it.each([
    ["metrics.acc > 0.9 OR params.x = 'y'", /OR.*not supported/],
    ["metrics.acc = 'high'", /number.*not 'high'/],
    ['params.lr = 0.01', /quote the value.*params\.lr = '0\.01'/],
    ["params.lr > '0.01'", /'>' cannot compare the string params\.lr/],
    ["metrics.acc LIKE '0.9%'", /'LIKE' cannot compare the number/],
    ["status IN ('FINISHED')", /only on attributes\.run_id/],
    ["bogus.x = 'y'", /'bogus' is not an entity type/],
    ["attributes.color = 'red'", /'color' is not a run attribute/],
    ['metrics.acc >', /expected a value/],
    ["params.x = 'unterminated", /unterminated ' quote/],
    ["metrics.acc > 1 params.x = 'y'", /expected AND/],
    ["metrics.acc <> 1", /use '!=' instead of '<>'/],
    ["metrics.acc === 1", /expected a value/],
  ])('rejects %s with a message saying what and where', (filter, message) => {
    let err: unknown;
    try {
      parseFilter(filter, RUN_SEARCH);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SearchSyntaxError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/at character \d+/);
  });

  it('points at the offending character', () => {
    try {
      parseFilter("metrics.acc > 1 AND params.lr = 0.5", RUN_SEARCH);
    } catch (e) {
      expect((e as SearchSyntaxError).position).toBe("metrics.acc > 1 AND params.lr = ".length);
    }
    expect.assertions(1);
  });

  it('knows experiment attributes and refuses metrics there', () => {
    expect(parseFilter("name LIKE 'mnist-%' AND tags.owner = 'ann'", EXPERIMENT_SEARCH)).toHaveLength(2);
    expect(() => parseFilter('metrics.acc > 1', EXPERIMENT_SEARCH)).toThrow(/'metrics' is not an entity type an experiment search knows/);
    expect(() => parseFilter("experiment_id = '1'", EXPERIMENT_SEARCH)).toThrow(/not an experiment attribute one can filter by/);
  });
});

describe('LIKE patterns', () => {
  it('escapes regex characters and anchors the whole value', () => {
    expect(compileLike('a.b%', false).test('a.bcd')).toBe(true);
    expect(compileLike('a.b%', false).test('axbcd')).toBe(false);
    expect(compileLike('(x)[y]', false).test('(x)[y]')).toBe(true);
    expect(compileLike('ab', false).test('xab')).toBe(false);
    expect(compileLike('%\n%', false).test('line1\nline2')).toBe(true);
  });
});

describe('order_by', () => {
  const order = (clauses: string[]) =>
    [...RUNS].sort(compareBy([...parseOrderBy(clauses, RUN_SEARCH), { entity: 'attribute', key: 'start_time', desc: true }])).map((r) => r.id);

  it('sorts by metrics with NaN after numbers and missing values last, in both directions', () => {
    expect(order(['metrics.acc'])).toEqual(['b', 'a', 'c', 'd']);
    expect(order(['metrics.acc DESC'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sorts by params, attributes and aliases; ties fall to the tiebreak', () => {
    expect(order(['params.optimizer ASC'])).toEqual(['c', 'd', 'a', 'b']); // 'Adam' < 'adam' < 'sgd'; d,a tie → start_time DESC
    expect(order(['attributes.start_time'])).toEqual(['c', 'b', 'a', 'd']);
    expect(order(['created desc'])).toEqual(['d', 'a', 'b', 'c']);
    expect(order([])).toEqual(['d', 'a', 'b', 'c']);
  });

  it('rejects a bad clause naming it', () => {
    expect(() => parseOrderBy(['metrics.acc DESCENDING'], RUN_SEARCH)).toThrow(/order_by\[0\] "metrics.acc DESCENDING": expected ASC or DESC/);
    expect(() => parseOrderBy(['start_time', 'attributes.colour'], RUN_SEARCH)).toThrow(/order_by\[1\].*'colour' is not a run attribute/);
    expect(parseOrderBy(['experiment_id DESC'], EXPERIMENT_SEARCH)).toEqual([{ entity: 'attribute', key: 'experiment_id', desc: true }]);
  });
});

describe('page tokens', () => {
  it('round-trips offsets and refuses tokens the server did not issue', () => {
    expect(decodePageToken(encodePageToken(1234))).toBe(1234);
    expect(decodePageToken(undefined)).toBe(0);
    expect(() => decodePageToken('not-a-token')).toThrow(PageTokenError);
    expect(() => decodePageToken(Buffer.from('{"offset":-1}').toString('base64'))).toThrow(PageTokenError);
  });

  it('pages without overlap and gives no token after the last page', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const p1 = pageOf(items, 0, 3);
    const p2 = pageOf(items, decodePageToken(p1.nextPageToken), 3);
    const p3 = pageOf(items, decodePageToken(p2.nextPageToken), 3);
    expect([...p1.page, ...p2.page, ...p3.page]).toEqual(items);
    expect(p3.nextPageToken).toBeUndefined();
    expect(pageOf(items, 0, 7).nextPageToken).toBeUndefined();
  });
});
