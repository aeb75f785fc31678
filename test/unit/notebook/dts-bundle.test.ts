import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDts, type DtsFileAccess } from '@/lib/notebook/dts-bundle';

const mapAccess = (files: Record<string, string>): DtsFileAccess => ({ read: (p) => files[p] ?? null });

describe('collectDts', () => {
  it('follows relative and scoped imports, strips license banners, and lists the rest', () => {
    const bundle = collectDts({
      entryPackage: '@s/a',
      scope: '@s',
      access: mapAccess({
        'node_modules/@s/a/package.json': '{"types": "dist/index.d.ts"}',
        'node_modules/@s/a/dist/index.d.ts': "/**\n * @license MIT\n */\nexport * from './ops';\nexport * from '@s/b';\nimport 'fs';",
        'node_modules/@s/a/dist/ops/index.d.ts': "export declare function op(): import('../types').T;",
        'node_modules/@s/a/dist/types.d.ts': 'export type T = number;',
        'node_modules/@s/b/package.json': '{"typings": "b.d.ts"}',
        'node_modules/@s/b/b.d.ts': "export * from '@s/a/dist/types';\nexport * from './missing';",
        'node_modules/@s/c/never.d.ts': 'unreachable',
      }),
    });
    expect(Object.keys(bundle.files).sort()).toEqual([
      'node_modules/@s/a/dist/index.d.ts',
      'node_modules/@s/a/dist/ops/index.d.ts',
      'node_modules/@s/a/dist/types.d.ts',
      'node_modules/@s/b/b.d.ts',
    ]);
    expect(bundle.files['node_modules/@s/a/dist/index.d.ts'].startsWith("export * from './ops'")).toBe(true);
    expect(bundle.packages).toEqual({ '@s/a': 'node_modules/@s/a/dist/index.d.ts', '@s/b': 'node_modules/@s/b/b.d.ts' });
    expect(bundle.unresolved).toEqual(['./missing', 'fs']);
  });

  it('throws when the entry package has no types', () => {
    expect(() => collectDts({ entryPackage: '@s/x', scope: '@s', access: mapAccess({}) })).toThrow(/@s\/x has no "types" entry/);
  });

  it('gathers the real tfjs declarations (core, layers, data) from node_modules', () => {
    const root = process.cwd();
    const bundle = collectDts({
      entryPackage: '@tensorflow/tfjs',
      scope: '@tensorflow',
      access: { read: (p) => (fs.existsSync(path.join(root, p)) ? fs.readFileSync(path.join(root, p), 'utf8') : null) },
    });
    const names = Object.keys(bundle.files);
    expect(names).toContain('node_modules/@tensorflow/tfjs-layers/dist/exports_layers.d.ts');
    expect(names).toContain('node_modules/@tensorflow/tfjs-core/dist/ops/ops.d.ts');
    expect(Object.keys(bundle.packages)).toEqual(expect.arrayContaining(['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-data']));
    const bytes = Object.values(bundle.files).reduce((n, t) => n + t.length, 0);
    expect(bytes).toBeLessThan(2_000_000); // what the notebook page fetches once
  });
});
