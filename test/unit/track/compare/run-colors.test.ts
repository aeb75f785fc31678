import { describe, expect, it } from 'vitest';
import { hashId, runColor, runColors, RUN_PALETTE } from '@/lib/track/compare/run-colors';

describe('run colours', () => {
  it('FNV-1a matches its published test vectors', () => {
    expect(hashId('')).toBe(0x811c9dc5);
    expect(hashId('a')).toBe(0xe40c292c);
    expect(hashId('foobar')).toBe(0xbf9cf968);
  });

  it('a run keeps its colour whatever else is shown beside it or in which order', () => {
    const a = runColors(['run-a', 'run-b']);
    const b = runColors(['run-b', 'run-a']);
    expect(a).toEqual(b);
    expect(runColors(['run-a']).get('run-a')).toBe(runColor('run-a'));
  });

  it('runs shown together get distinct colours while the palette lasts', () => {
    const ids = Array.from({ length: RUN_PALETTE.length }, (_, i) => `r${i}`);
    expect(new Set(runColors(ids).values()).size).toBe(RUN_PALETTE.length);
    // Past the palette every run still gets a palette colour.
    const many = runColors(Array.from({ length: 40 }, (_, i) => `run-${i}`));
    for (const c of many.values()) expect(RUN_PALETTE).toContain(c);
  });
});
