import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BENCH_DTS } from '@/lib/bench/typings.generated';
import { IGNORED_DIAGNOSTICS, TF_GLOBAL_DTS, TF_GLOBAL_PATH, cellCompilerOptions } from '@/lib/notebook/cell-typings';
import { collectDts, editorTypingFiles } from '@/lib/notebook/dts-bundle';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * What the editor's TypeScript worker sees: the tfjs declarations exactly as /monaco-types/tfjs
 * serves them, the `tf` and `bench` globals, TypeScript's default libs, and nothing from disk.
 */
const editorLibs: Record<string, string> = {
  ...editorTypingFiles(collectDts({
    entryPackage: '@tensorflow/tfjs',
    scope: '@tensorflow',
    access: { read: (p) => (fs.existsSync(path.join(root, p)) ? fs.readFileSync(path.join(root, p), 'utf8') : null) },
  })),
  [TF_GLOBAL_PATH]: TF_GLOBAL_DTS,
  'file:///benchtop/bench.d.ts': BENCH_DTS,
};

/** Diagnostics of one cell (a script, as Monaco models are) with the editor's compiler options, as Monaco marks them. */
function cellDiagnostics(source: string): string[] {
  const cell = 'file:///cell.ts';
  const files: Record<string, string> = { ...editorLibs, [cell]: source };
  // TypeScript 6 flags node10 resolution as deprecated; Monaco's TypeScript 5.9 does not.
  const options: ts.CompilerOptions = { ...cellCompilerOptions(ts), ignoreDeprecations: '6.0' };
  const libDir = path.dirname(ts.getDefaultLibFilePath(options));
  const host: ts.CompilerHost = {
    getSourceFile: (f, lang) => {
      const text = files[f] ?? (f.startsWith(libDir) ? fs.readFileSync(f, 'utf8') : undefined);
      return text === undefined ? undefined : ts.createSourceFile(f, text, lang);
    },
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    writeFile: () => undefined,
    getCurrentDirectory: () => 'file:///',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f in files || (f.startsWith(libDir) && fs.existsSync(f)),
    readFile: (f) => files[f] ?? (f.startsWith(libDir) ? fs.readFileSync(f, 'utf8') : undefined),
  };
  const program = ts.createProgram([TF_GLOBAL_PATH, 'file:///benchtop/bench.d.ts', cell], options, host);
  // Monaco marks only the cell's own diagnostics (errors inside tfjs's .d.ts files are not shown).
  const file = program.getSourceFile(cell)!;
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
    .filter((d) => !IGNORED_DIAGNOSTICS.includes(d.code))
    .map((d) => `${d.file?.fileName ?? ''} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('cell typings (the editor’s compiler settings)', () => {
  it('`tf` is a namespace in type positions and a value, as in every tfjs example', () => {
    const cell = [
      "const model: tf.Sequential = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });",
      'const asLayers: tf.LayersModel = model;',
      'const x = tf.zeros([4, 2]) as tf.Tensor2D;',
      'const y = model.predict(x) as tf.Tensor;',
      'function loss(t: tf.Tensor): tf.Scalar { return t.square().mean() as tf.Scalar; }',
      'const opt: tf.Optimizer = tf.train.adam(0.01);',
      'const data = await bench.datasets.spirals({ n: 10 });',
      'console.log(asLayers.countParams(), loss(y), opt, data);',
    ].join('\n');
    expect(cellDiagnostics(cell)).toEqual([]);
  }, 60_000);

  it('still reports real type errors in cells (the check is not vacuous)', () => {
    const errors = cellDiagnostics("const t: tf.Tensor = 'not a tensor';\nconst n: number = tf.scalar(1);\ntf.nosuchop();");
    expect(errors.map((e) => e.match(/TS\d+/)?.[0])).toEqual(['TS2322', 'TS2322', 'TS2339']);
  }, 60_000);
});
