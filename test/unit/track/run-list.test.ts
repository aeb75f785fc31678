import { describe, expect, it } from 'vitest';
import { listParams, RUN_LIST_PARAMS } from '@/lib/track/run-list';

describe('listParams (what a runs-list row carries of the config)', () => {
  it('keeps scalar leaves by dotted path, top-level first, skipping lists', () => {
    expect(listParams({ optimizer: { name: 'adam', betas: { b1: 0.9 } }, lr: 0.1, layers: [64, 32], debug: false, seed: null })).toEqual({
      lr: 0.1,
      debug: false,
      seed: null,
      'optimizer.name': 'adam',
      'optimizer.betas.b1': 0.9,
    });
  });

  it('caps count, key length, string length and depth', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(listParams(many))).toHaveLength(RUN_LIST_PARAMS.maxCount);
    expect(listParams({ ['k'.repeat(RUN_LIST_PARAMS.maxKeyChars + 1)]: 1 })).toEqual({});
    expect(String(listParams({ s: 'x'.repeat(10_000) }).s)).toMatch(new RegExp(`^x{${RUN_LIST_PARAMS.maxValueChars - 1}}…$`));
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    expect(listParams(deep)).toEqual({});
  });
});
