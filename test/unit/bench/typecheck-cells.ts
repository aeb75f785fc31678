import path from 'node:path';
import ts from 'typescript';
import { BENCH_DTS } from '@/lib/bench/typings.generated';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * Type-checks cell code the way the editor does: the generated BENCH_DTS + `tf` from
 * @tensorflow/tfjs as globals. Returns each diagnostic as "/<file>: <message>".
 */
export function cellDiagnostics(files: Record<string, string>, benchDts: string = BENCH_DTS): string[] {
  const virtual: Record<string, string> = {
    [path.join(root, '__bench.d.ts')]: benchDts,
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
