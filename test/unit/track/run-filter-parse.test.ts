import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldText, parseRunFilter, parseRunSort, type FilterExpr } from '@/lib/track/run-filter';

const ok = (text: string): FilterExpr | null => {
  const r = parseRunFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.ast;
};
const err = (text: string) => {
  const r = parseRunFilter(text);
  if (r.ok) throw new Error(`${text} parsed`);
  return r.error;
};

describe('parseRunFilter', () => {
  it('reads the W&B/MLflow-style example with the precedence not > and > or', () => {
    expect(ok('params.lr < 0.01 and metrics.val/accuracy > 0.9 or tags.baseline')).toMatchObject({
      type: 'or',
      left: {
        type: 'and',
        left: { type: 'compare', field: { kind: 'param', key: 'lr' }, op: '<', value: 0.01 },
        right: { type: 'compare', field: { kind: 'metric', key: 'val/accuracy', agg: 'last' }, op: '>', value: 0.9 },
      },
      right: { type: 'present', field: { kind: 'tag', key: 'baseline' } },
    });
    expect(ok('not name ~ "a" and state = finished')).toMatchObject({ type: 'and', left: { type: 'not' }, right: { field: { kind: 'attr', attr: 'status' }, value: 'finished' } });
  });

  it('reads aggregates, dotted and backquoted keys, lists, dates and literals', () => {
    expect(ok('metrics.loss.min <= -1e-3')).toMatchObject({ field: { kind: 'metric', key: 'loss', agg: 'min' }, value: -0.001 });
    expect(ok('metrics.`a.min`.max > 1')).toMatchObject({ field: { kind: 'metric', key: 'a.min', agg: 'max' } });
    expect(ok('params.optimizer.lr = 0.1')).toMatchObject({ field: { kind: 'param', key: 'optimizer.lr' } });
    expect(ok('tags.`my tag` = "x y"')).toMatchObject({ field: { kind: 'tag', key: 'my tag' }, value: 'x y' });
    expect(ok("params.opt in ('adam', sgd, 3, true, null)")).toMatchObject({ type: 'in', values: ['adam', 'sgd', 3, true, null] });
    expect(ok('params.x not in (1)')).toMatchObject({ type: 'not', expr: { type: 'in', values: [1] } });
    expect(ok('createdAt >= "2025-01-31"')).toMatchObject({ value: Date.parse('2025-01-31') });
    expect(ok('  ')).toBeNull();
  });

  it('points errors at the offending token', () => {
    expect(err('params.lr < 0.01 and foo = 1')).toMatchObject({ offset: 21, length: 3 });
    expect(err('params.lr <')).toMatchObject({ offset: 11, length: 0 });
    expect(err('metrics.loss = "low"')).toMatchObject({ offset: 15, length: 5 });
    expect(err('(name = "a"')).toMatchObject({ offset: 11, length: 0 });
    expect(err('name = "a')).toMatchObject({ offset: 7, length: 2 });
    expect(err('name = a b')).toMatchObject({ offset: 9, length: 1 });
    expect(err('createdAt > "yesterday"').message).toMatch(/date/);
  });

  it('never throws, and error spans lie inside the input (property)', () => {
    const alphabet = fc.constantFrom(...'params.metrics.tags.name=<>!~()," \'`-1e.0andornotin '.split(''));
    const text = fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, (t) => {
        const r = parseRunFilter(t);
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.length).toBeGreaterThanOrEqual(0);
          expect(r.error.offset + r.error.length).toBeLessThanOrEqual(t.length);
          expect(r.error.message.length).toBeGreaterThan(0);
        }
        const s = parseRunSort(t);
        if (!s.ok) expect(s.error.offset + s.error.length).toBeLessThanOrEqual(t.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses deep nesting and long text with an error, not a stack overflow', () => {
    expect(err(`${'('.repeat(1000)}name`).message).toMatch(/nested/);
    expect(err(`${'not '.repeat(1000)}name`).message).toMatch(/nested/);
    expect(err('x'.repeat(5000)).message).toMatch(/limit is 4096/);
  });

  it('a field written by fieldText parses back to itself (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 12 });
    const field = fc.oneof(
      key.map((k) => ({ kind: 'param' as const, key: k })),
      key.map((k) => ({ kind: 'tag' as const, key: k })),
      fc.tuple(key, fc.constantFrom('last' as const, 'min' as const, 'max' as const)).map(([k, agg]) => ({ kind: 'metric' as const, key: k, agg })),
    );
    fc.assert(
      fc.property(field, (f) => {
        expect(ok(fieldText(f))).toEqual({ type: 'present', field: f, span: expect.anything() });
        const sort = parseRunSort(`-${fieldText(f)}`);
        expect(sort).toEqual({ ok: true, keys: [{ field: f, desc: true }] });
      }),
    );
  });

  it('keys with an empty part between dots are written in backquotes (found by the property above: metrics key "0.")', () => {
    for (const key of ['0.', 'loss.', 'a..b', '.x']) {
      const f = { kind: 'metric' as const, key, agg: 'last' as const };
      expect(fieldText(f)).toBe(`metrics.\`${key}\`.last`);
      expect(ok(fieldText(f))).toEqual({ type: 'present', field: f, span: expect.anything() });
    }
    expect(fieldText({ kind: 'param', key: 'optimizer/adam.beta-1' })).toBe('params.optimizer/adam.beta-1');
  });
});

describe('parseRunSort', () => {
  it('reads directions and several keys', () => {
    expect(parseRunSort('-metrics.loss.min, name')).toEqual({
      ok: true,
      keys: [
        { field: { kind: 'metric', key: 'loss', agg: 'min' }, desc: true },
        { field: { kind: 'attr', attr: 'name' }, desc: false },
      ],
    });
    expect(parseRunSort('')).toEqual({ ok: true, keys: [] });
    expect(parseRunSort('name,')).toMatchObject({ ok: false, error: { offset: 5 } });
    expect(parseRunSort('name; x')).toMatchObject({ ok: false, error: { offset: 4, length: 1 } });
  });
});
