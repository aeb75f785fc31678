import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Folders under lib/ depend on each other one way only (kernel → track, bench → kernel, …): a
 * folder cycle makes every change on one side a change on both. Reads imports as text, the way
 * madge does, so type-only imports count too.
 */
const LIB = path.resolve(__dirname, '../../../lib');
const IMPORT = /(?:from|import)\s*\(?\s*'([^']+)'/g;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.tsx?$/.test(entry.name)) yield full;
  }
}

/** folder → folder it imports → files doing it. */
function folderEdges(): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of sources(LIB)) {
    const from = path.relative(LIB, file).split(path.sep)[0];
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = spec.startsWith('@/lib/') ? spec.slice('@/lib/'.length) : spec.startsWith('.') ? path.relative(LIB, path.resolve(path.dirname(file), spec)) : null;
      if (!target || target.startsWith('..')) continue;
      const to = target.split(/[\\/]/)[0];
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const files = edges.get(from)!;
      files.set(to, [...new Set([...(files.get(to) ?? []), path.relative(LIB, file)])]);
    }
  }
  return edges;
}

/** Every folder cycle, as a path a → b → … → a (found by depth-first search). */
function cycles(edges: Map<string, Map<string, string[]>>): string[][] {
  const found: string[][] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of edges.get(node)?.keys() ?? []) {
      if (next === trail[0]) found.push([...trail, next]);
      else if (!trail.includes(next) && next > trail[0]) visit(next, [...trail, next]);
    }
  };
  for (const start of edges.keys()) visit(start, [start]);
  return found;
}

describe('lib/ folder dependencies', () => {
  it('has no folder cycles', () => {
    const edges = folderEdges();
    const report = cycles(edges).map((c) => `${c.join(' → ')} (${c.slice(0, -1).map((f, i) => `${f}: ${edges.get(f)!.get(c[i + 1])!.join(', ')}`).join('; ')})`);
    expect(report).toEqual([]);
  });

  it('sees the edges it is meant to check (bench → kernel, worker → bench)', () => {
    const edges = folderEdges();
    expect(edges.get('bench')?.has('kernel')).toBe(true);
    expect(edges.get('worker')?.has('bench')).toBe(true);
    expect(edges.get('kernel')?.has('bench') ?? false).toBe(false);
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['c', ['b/y.ts']]])],
      ['c', new Map([['a', ['c/z.ts']]])],
    ]);
    expect(cycles(edges)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
