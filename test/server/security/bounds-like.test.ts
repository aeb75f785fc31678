import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLike } from '@/lib/server/mlflow/search/like';

/**
 * The LIKE matcher against a reference that cannot be wrong (a memoized recursive definition of
 * LIKE, fine for short strings), and the two inputs that broke the regex it replaced.
 */

function referenceLike(pattern: string, value: string, ci: boolean): boolean {
  const p = [...(ci ? pattern.toLowerCase() : pattern)];
  const s = [...(ci ? value.toLowerCase() : value)];
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (memo.has(key)) return memo.get(key)!;
    let r: boolean;
    if (i === p.length) r = j === s.length;
    else if (p[i] === '%') r = go(i + 1, j) || (j < s.length && go(i, j + 1));
    else r = j < s.length && (p[i] === '_' || p[i] === s[j]) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

describe('LIKE without regular expressions', () => {
  it('agrees with the definition of LIKE on random patterns and values', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', '%', '_', '-', '\\', '.', 'é', '😀');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 8 }), fc.array(alphabet.filter((c) => c !== '%' && c !== '_'), { maxLength: 10 }), fc.boolean(), (p, v, ci) => {
        const pattern = p.join('');
        const value = v.join('');
        expect(compileLike(pattern, ci).test(value), `${ci ? 'ILIKE' : 'LIKE'} '${pattern}' on '${value}'`).toBe(referenceLike(pattern, value, ci));
      }),
      { numRuns: 3000 },
    );
  });

  it('treats "-", "\\", "." and brackets as plain characters (no escape character, as MLflow on SQLite)', () => {
    expect(compileLike('%a-b%', false).test('xa-by')).toBe(true);
    expect(compileLike('a\\%', false).test('a\\anything')).toBe(true);
    expect(compileLike('a\\_', false).test('a\\x')).toBe(true);
    expect(compileLike('a.c', false).test('abc')).toBe(false);
    expect(compileLike('[x]-(y)', false).test('[x]-(y)')).toBe(true);
  });

  it('counts "_" as one character, astral ones included, and folds case only for ILIKE', () => {
    expect(compileLike('a_c', false).test('a😀c')).toBe(true);
    expect(compileLike('a__c', false).test('a😀c')).toBe(false);
    expect(compileLike('MNIST%', false).test('mnist-cnn')).toBe(false);
    expect(compileLike('MNIST%', true).test('mnist-cnn')).toBe(true);
    expect(compileLike('%ÉTÉ', true).test('un été')).toBe(true);
  });

  it("matches '%a%a%a…%b' over long values in linear time", () => {
    const pattern = `${'%a'.repeat(499)}%b`;
    const values = Array.from({ length: 2000 }, (_, i) => 'a'.repeat(250) + (i % 2 ? 'b' : 'c'));
    const matcher = compileLike(pattern, false);
    const t0 = performance.now();
    const hits = values.filter((v) => matcher.test(v)).length;
    const ms = performance.now() - t0;
    expect(hits).toBe(0); // 250 a's cannot fill 499 of them
    expect(compileLike(`${'%a'.repeat(100)}%b`, false).test(`${'a'.repeat(250)}b`)).toBe(true);
    expect(ms).toBeLessThan(500);
  });
});
