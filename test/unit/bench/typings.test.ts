import { describe, expect, it } from 'vitest';
import { cellDiagnostics } from './typecheck-cells';
import { mnistCnnTemplate } from '@/lib/bench/templates/mnist-cnn';
import { mnistMlpTemplate } from '@/lib/bench/templates/mnist-mlp';
import { playgroundTemplate } from '@/lib/bench/templates/playground';
import { spamTransformerTemplate } from '@/lib/bench/templates/spam-transformer';

/** All code cells of a template in one async function, as they share one kernel scope. */
const asScript = (cells: { type: string; source: string }[]) =>
  `export async function cells() {\n${cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n;\n')}\n}\n`;

describe('BENCH_DTS', () => {
  it('type-checks every template with tf typings, and catches misuse', () => {
    const errors = cellDiagnostics({
      '__mlp.ts': asScript(mnistMlpTemplate.cells),
      '__cnn.ts': asScript(mnistCnnTemplate.cells),
      '__playground.ts': asScript(playgroundTemplate.cells),
      '__text.ts': asScript(spamTransformerTemplate.cells),
      '__watchMisuse.ts': "export async function f() { const m = await bench.load('r'); bench.watch(m, { every: 'often' }); bench.watch(m).unwatch(); bench.heatmap([[1]], { rows: 1 }); }",
      '__misuse.ts': "export async function f() { await bench.train({ data: null as any }); bench.param('x', 1).toUpperCase(); }",
    });
    expect(errors.filter((e) => !e.startsWith('/__misuse') && !e.startsWith('/__watchMisuse'))).toEqual([]);
    // bench.watch and bench.heatmap are typed: a string period and a non-array label list are errors (unwatch() is fine).
    const watchErrors = errors.filter((e) => e.startsWith('/__watchMisuse'));
    expect(watchErrors, watchErrors.join('\n')).toHaveLength(2);
    expect(watchErrors.join('\n')).toMatch(/string[\s\S]*number/);
    expect(errors.filter((e) => e.startsWith('/__misuse')).join('\n')).toMatch(/model[\s\S]*toUpperCase/);
  }, 60_000);
});
