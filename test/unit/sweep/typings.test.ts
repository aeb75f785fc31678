import ts from 'typescript';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH_DTS } from '@/lib/bench/typings';

const root = path.resolve(import.meta.dirname, '../../..');

/** Type-checks cell code against BENCH_DTS the way the editor does (as test/unit/bench/typings.test.ts). */
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

describe('BENCH_DTS for bench.sweep', () => {
  it('types the documented uses and rejects misuse', () => {
    const errors = diagnostics({
      '__sweep.ts': `export async function cells() {
  const data = await bench.datasets.spirals();
  async function trainTrial(config: Record<string, any>) {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: config.units, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    return bench.train({ model, data, learningRate: config.lr, epochs: 5, onEpochEnd: (epoch, logs, run) => (logs['val/loss'] > 5 ? { stop: true, reason: run.runId } : undefined) });
  }
  const r = await bench.sweep({ method: 'random', metric: { name: 'val/loss' }, parameters: { lr: { min: 0.001, max: 0.1 } } }, trainTrial, { count: 4, seed: 1 });
  r.best?.config;
  await bench.sweep('method: grid\\nparameters: {k: {values: [1, 2]}}', async (config, trial) => {
    for (let epoch = 1; epoch <= 3; epoch++) if ((await trial.reportEpoch(epoch, { loss: config.k / epoch })).stop) break;
    return { metric: config.k };
  }, { server: true });
  await bench.sweep.join(r.sweepId, trainTrial, { count: 2 });
}`,
      '__misuse.ts': `export async function f() { await bench.sweep({ method: 'annealing', parameters: {} }, async () => 1); await bench.sweep.join(3 as unknown as number, async () => 1); }`,
    });
    expect(errors.filter((e) => !e.startsWith('/__misuse'))).toEqual([]);
    const misuse = errors.filter((e) => e.startsWith('/__misuse')).join('\n');
    expect(misuse).toMatch(/annealing/);
    expect(misuse).toMatch(/number.*string|not assignable to parameter of type 'string'/);
  }, 60_000);
});
