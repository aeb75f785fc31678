import { describe, expect, it } from 'vitest';
import { cellDiagnostics } from './typecheck-cells';
import { mnistCnnTemplate } from '@/lib/bench/templates/mnist-cnn';
import { mnistMlpTemplate } from '@/lib/bench/templates/mnist-mlp';
import { playgroundTemplate } from '@/lib/bench/templates/playground';

/** All code cells of a template in one async function, as they share one kernel scope. */
const asScript = (cells: { type: string; source: string }[]) =>
  `export async function cells() {\n${cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n;\n')}\n}\n`;

describe('BENCH_DTS', () => {
  it('type-checks every template with tf typings, and catches misuse', () => {
    const errors = cellDiagnostics({
      '__mlp.ts': asScript(mnistMlpTemplate.cells),
      '__cnn.ts': asScript(mnistCnnTemplate.cells),
      '__playground.ts': asScript(playgroundTemplate.cells),
      '__misuse.ts': "export async function f() { await bench.train({ data: null as any }); bench.param('x', 1).toUpperCase(); }",
    });
    expect(errors.filter((e) => !e.startsWith('/__misuse'))).toEqual([]);
    expect(errors.filter((e) => e.startsWith('/__misuse')).join('\n')).toMatch(/model[\s\S]*toUpperCase/);
  }, 60_000);
});
