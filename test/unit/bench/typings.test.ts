import ts from 'typescript';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_DTS } from '@/lib/bench/typings';
import { mnistCnnTemplate } from '@/lib/bench/templates/mnist-cnn';
import { mnistMlpTemplate } from '@/lib/bench/templates/mnist-mlp';
import { playgroundTemplate } from '@/lib/bench/templates/playground';

const root = path.resolve(import.meta.dirname, '../../..');

/** Type-checks cell code the way the editor does: BENCH_DTS + `tf` from @tensorflow/tfjs. */
function diagnostics(files: Record<string, string>): string[] {
  const virtual: Record<string, string> = {
    [path.join(root, '__bench.d.ts')]: BENCH_DTS,
    [path.join(root, '__tf-global.d.ts')]: "declare const tf: typeof import('@tensorflow/tfjs');",
    ...Object.fromEntries(Object.entries(files).map(([name, text]) => [path.join(root, name), text])),
  };
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], strict: true, noEmit: true, skipLibCheck: true, types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => virtual[f] ?? read(f);
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f in virtual || exists(f);
  const getSource = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang) => (f in virtual ? ts.createSourceFile(f, virtual[f], lang) : getSource(f, lang));
  const program = ts.createProgram(Object.keys(virtual), options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.replace(root, '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

/** All code cells of a template in one async function, as they share one kernel scope. */
const asScript = (cells: { type: string; source: string }[]) =>
  `export async function cells() {\n${cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n;\n')}\n}\n`;

describe('BENCH_DTS', () => {
  it('type-checks every template with tf typings, and catches misuse', () => {
    const errors = diagnostics({
      '__mlp.ts': asScript(mnistMlpTemplate.cells),
      '__cnn.ts': asScript(mnistCnnTemplate.cells),
      '__playground.ts': asScript(playgroundTemplate.cells),
      '__misuse.ts': "export async function f() { await bench.train({ data: null as any }); bench.param('x', 1).toUpperCase(); }",
    });
    expect(errors.filter((e) => !e.startsWith('/__misuse'))).toEqual([]);
    expect(errors.filter((e) => e.startsWith('/__misuse')).join('\n')).toMatch(/model[\s\S]*toUpperCase/);
  }, 60_000);
});
