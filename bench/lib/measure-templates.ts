import { mnistCnnTemplate } from '../../lib/bench/templates/mnist-cnn';
import { mnistMlpTemplate } from '../../lib/bench/templates/mnist-mlp';
import { playgroundTemplate } from '../../lib/bench/templates/playground';
import type { BenchTemplate } from '../../lib/bench/templates/template';
import type { KernelEvent } from '../../lib/kernel/protocol';
import { createNodeKernel } from './node-kernel';

/**
 * Runs each template's cells, unchanged, through the real kernel in Node (tfjs cpu backend) and
 * prints what it reaches: `npx tsx bench/lib/measure-templates.ts [mnist-cnn …]`.
 */
const TEMPLATES: BenchTemplate[] = [mnistMlpTemplate, mnistCnnTemplate, playgroundTemplate];

async function measure(template: BenchTemplate) {
  const kernel = createNodeKernel();
  const finals = new Map<string, number>();
  kernel.onEvent((e: KernelEvent) => {
    if (e.type === 'metrics') for (const p of e.points) if (p.key.startsWith('val/') || p.key.startsWith('train/')) finals.set(p.key, p.value);
    if (e.type === 'output' && e.output.type === 'error') console.error(template.id, e.output.error);
  });
  await kernel.ready();
  const started = performance.now();
  const cells = template.cells.filter((c) => c.type === 'code');
  const notebookCells = cells.map((c, i) => ({ cellId: `c${i}`, source: c.source }));
  for (const [i, c] of cells.entries()) {
    const outcome = await kernel.execute({ cellId: `c${i}`, source: c.source, notebookCells });
    if (!outcome.ok) throw new Error(`${template.id} cell ${i + 1}: ${outcome.error.name}: ${outcome.error.message} (line ${outcome.error.line})`);
  }
  kernel.dispose();
  return { template: template.id, backend: 'cpu (node)', seconds: Math.round((performance.now() - started) / 1000), ...Object.fromEntries(finals) };
}

const wanted = process.argv.slice(2);
for (const t of TEMPLATES.filter((t) => wanted.length === 0 || wanted.includes(t.id))) {
  console.log(JSON.stringify(await measure(t)));
}
