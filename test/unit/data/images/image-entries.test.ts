import { describe, expect, it } from 'vitest';
import { assembleImageSet } from '@/lib/data/images/assemble-image-set';
import { decodeBmp, encodeBmp } from '@/lib/data/images/bmp';
import { MAX_IMAGES, sortImageEntries } from '@/lib/data/images/image-entries';

describe('sortImageEntries', () => {
  it('class = parent folder; one shared root folder is stripped; system files dropped; loose files listed', () => {
    const { entries, skipped } = sortImageEntries(
      ['pets/cats/b.png', 'pets/cats/a.png', 'pets/dogs/x.jpg', 'pets/.DS_Store', '__MACOSX/pets/cats/._a.png', 'pets/readme.txt'].map((path) => ({ path, source: path })),
    );
    expect(entries.map((e) => [e.label, e.path])).toEqual([
      ['cats', 'pets/cats/a.png'],
      ['cats', 'pets/cats/b.png'],
      ['dogs', 'pets/dogs/x.jpg'],
    ]);
    expect(skipped).toEqual([{ path: 'pets/readme.txt', reason: 'not inside a class folder (expected <class>/<image>)' }]);
  });

  it('without a shared root the first folder is the class; a file at the top level is listed as skipped', () => {
    const { entries, skipped } = sortImageEntries(['cats/a.png', 'dogs/b.png', 'loose.png'].map((path) => ({ path, source: 0 })));
    expect(entries.map((e) => e.label)).toEqual(['cats', 'dogs']);
    expect(skipped).toEqual([{ path: 'loose.png', reason: 'not inside a class folder (expected <class>/<image>)' }]);
  });

  it(`keeps at most ${MAX_IMAGES} images and lists the rest with the limit`, () => {
    const files = Array.from({ length: MAX_IMAGES + 3 }, (_, i) => ({ path: `c${i % 2}/${String(i).padStart(6, '0')}.png`, source: i }));
    const { entries, skipped } = sortImageEntries(files);
    expect(entries).toHaveLength(MAX_IMAGES);
    expect(skipped).toHaveLength(3);
    expect(skipped[0].reason).toMatch(/limit of 10,000 images/);
  });
});

describe('assembleImageSet', () => {
  const side = 4;
  const solid = (v: number) => encodeBmp(new Uint8Array(side * side * 3).fill(v), side, side);
  const decode = async (bytes: Uint8Array) => decodeBmp(bytes).rgb;

  it('packs pixels and labels, lists undecodable files and goes on; the fingerprint follows the content', async () => {
    const files = [
      { path: 'a/1.bmp', source: solid(10) },
      { path: 'b/1.bmp', source: solid(200) },
      { path: 'b/2.bmp', source: new Uint8Array([1, 2, 3]) },
      { path: 'a/2.bmp', source: solid(20) },
    ];
    const { entries, skipped } = sortImageEntries(files);
    const { meta, data } = await assembleImageSet({ name: 'set', side, entries, skipped, decode });
    expect(meta).toMatchObject({ classes: ['a', 'b'], counts: [2, 1], count: 3 });
    expect(meta.bad).toEqual([{ path: 'b/2.bmp', reason: 'cannot decode: not a BMP file' }]);
    expect(Array.from(data.labels)).toEqual([0, 0, 1]);
    expect(data.pixels[side * side * 3 * 2]).toBe(200);
    const again = await assembleImageSet({ name: 'set', side, entries, skipped, decode });
    expect(again.meta.fingerprint).toBe(meta.fingerprint);
    const changed = sortImageEntries(files.map((f) => (f.path === 'a/2.bmp' ? { ...f, source: solid(21) } : f)));
    expect((await assembleImageSet({ name: 'set', side, ...changed, decode })).meta.fingerprint).not.toBe(meta.fingerprint);
  });

  it('fewer than two readable classes is an error that says what is needed', async () => {
    const { entries, skipped } = sortImageEntries([{ path: 'a/1.bmp', source: solid(1) }, { path: 'b/1.bmp', source: new Uint8Array(4) }]);
    await expect(assembleImageSet({ name: 'set', side, entries, skipped, decode })).rejects.toThrow(/need at least 2 classes \(one sub-folder per class\)/);
  });

  it('BMP round trip is exact', () => {
    const rgb = Uint8Array.from({ length: 5 * 3 * 3 }, (_, i) => (i * 37) % 256);
    expect(Array.from(decodeBmp(encodeBmp(rgb, 5, 3)).rgb)).toEqual(Array.from(rgb));
  });
});
