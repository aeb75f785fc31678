import { describe, expect, it } from 'vitest';
import { compileCell } from '@/lib/kernel/cell-runner';
import { rewriteCell } from '@/lib/kernel/cell-rewrite';
import { CellSyntaxError } from '@/lib/kernel/cell-transpile';

/** Runs cells in order on one scope, as the kernel does. */
async function runCells(sources: string[], scope: Record<string, unknown> = Object.create(null)) {
  const values: unknown[] = [];
  for (const source of sources) values.push(await (await compileCell(source, 'typescript')).run(scope));
  return { values, scope };
}

async function errorOf(source: string, scope: Record<string, unknown> = Object.create(null)) {
  let compiled;
  try {
    compiled = await compileCell(source, 'typescript');
  } catch (error) {
    expect(error).toBeInstanceOf(CellSyntaxError);
    const e = error as CellSyntaxError;
    return { name: 'SyntaxError', message: e.message, line: e.line, column: e.column };
  }
  try {
    await compiled.run(scope);
  } catch (error) {
    return compiled.toCellError(error);
  }
  throw new Error('cell did not fail');
}

describe('cell execution', () => {
  it('keeps top-level const/let/var/function/class across cells, like Jupyter', async () => {
    const { values, scope } = await runCells([
      'const a: number = 2;\nlet b = 3, c;\nvar d = 4;\nfunction f(x: number): number { return x * a; }\nclass K { v = 5 }',
      'f(b) + new K().v + d',
      'const { p, q: [r] } = { p: 1, q: [10] }; p + r',
      'c === undefined',
    ]);
    expect(values).toEqual([undefined, 15, 11, true]);
    expect(Object.keys(scope).sort()).toEqual(['K', 'a', 'b', 'c', 'd', 'f', 'p', 'r']);
    expect((globalThis as Record<string, unknown>).a).toBeUndefined();
  });

  it('re-running a cell that declares a const works, and functions see the new value', async () => {
    const { values } = await runCells(['const n = 1; const get = () => n;', 'const n = 7;', 'get()']);
    expect(values[2]).toBe(7);
  });

  it('hoists functions within a cell and leaves nested declarations local', async () => {
    const { values, scope } = await runCells(['const y = twice(4);\nfunction twice(v: number) { return 2 * v; }\nfor (const i of [1]) { const inner = i; }\ny']);
    expect(values[0]).toBe(8);
    expect('inner' in scope).toBe(false);
    expect('i' in scope).toBe(false);
  });

  it('supports top-level await and returns the last expression only', async () => {
    const { values } = await runCells(['const v = await Promise.resolve(41);\nv + 1', 'const w = 1;', 'if (true) { 5 }']);
    expect(values).toEqual([42, undefined, undefined]);
  });

  it('returns a parenthesized last expression (an object literal), as the text template training cell ends', async () => {
    const { values } = await runCells(['const a = 2;\n({ a, b: a + 1 })', '((a * 3))', '(a, a + 5);']);
    expect(values).toEqual([{ a: 2, b: 3 }, 6, 7]);
  });

  it('assigning a name declared by an earlier cell updates it', async () => {
    const { values } = await runCells(['let count = 1;', 'count = count + 1;', 'count']);
    expect(values[2]).toBe(2);
  });

  it('reports runtime errors at the line and column in the cell (TypeScript columns included)', async () => {
    const error = await errorOf('const ok = 1;\n\n  const bad: number = (null as any).foo;');
    expect(error).toMatchObject({ name: 'TypeError', line: 3, column: 37 });
    const thrown = await errorOf('function boom(): never {\n  throw new RangeError("too big");\n}\nboom();');
    expect(thrown).toMatchObject({ name: 'RangeError', message: 'too big', line: 2, column: 9 });
    const afterAwait = await errorOf('await Promise.resolve();\nundefinedName + 1');
    expect(afterAwait).toMatchObject({ name: 'ReferenceError', line: 2, column: 1 });
  });

  it('reports TypeScript and JavaScript syntax errors with the cell position', async () => {
    expect(await errorOf('const a = 1;\nconst b = (x: string => 3;')).toMatchObject({ name: 'SyntaxError', line: 2, column: 22 });
    expect(await errorOf('const ok = 1;\n  let y = (ok +;', )).toMatchObject({ name: 'SyntaxError', line: 2 });
    expect(await errorOf('let x = 1;\nx = = 2;')).toMatchObject({ name: 'SyntaxError', line: 2, column: 5 });
    const imp = await errorOf("import * as fs from 'fs';\nfs;");
    expect(imp.message).toMatch(/import\/export are not available in cells/);
  });

  it('non-Error throws become messages without a position', async () => {
    expect(await errorOf('throw "plain"')).toMatchObject({ name: 'Error', message: 'Uncaught plain', line: null });
  });
});

describe('rewriteCell', () => {
  it('keeps line numbers and lists declared names', () => {
    const code = 'const a = 1;\nlet [b, ...c] = [1, 2];\nclass D {}\nfunction e() {}\na';
    const out = rewriteCell(code);
    expect(out.body.split('\n')).toHaveLength(code.split('\n').length + 1);
    expect(out.declaredNames.sort()).toEqual(['D', 'a', 'b', 'c', 'e']);
    expect(out.returnsValue).toBe(true);
    expect(out.toInputPosition(5, out.body.split('\n')[4].indexOf('a') + 1)).toEqual({ line: 5, column: 1 });
  });
});
