import { mnistCnnTemplate } from '../../lib/bench/templates/mnist-cnn';
import { mnistMlpTemplate } from '../../lib/bench/templates/mnist-mlp';
import { playgroundTemplate } from '../../lib/bench/templates/playground';
import { createKernel } from '../../lib/kernel/client';
import type { BackendChoice } from '../../lib/kernel/protocol';

/** Browser side of measure-templates-browser.ts: Run all of a template, unchanged, in the real kernel. */
const TEMPLATES = [mnistMlpTemplate, mnistCnnTemplate, playgroundTemplate];

async function runTemplate(request: { id: string; backend: BackendChoice; params?: Record<string, number | string> }) {
  const template = TEMPLATES.find((t) => t.id === request.id);
  if (!template) throw new Error(`no template ${request.id}`);
  const kernel = createKernel({
    notebookId: `measure-${template.id}`, projectId: 'default', owner: 'bench', backend: request.backend, params: request.params,
    createWorker: () => new Worker('/kernel.worker.js', { type: 'module' }) as never,
  });
  const finals: Record<string, number> = {};
  kernel.onEvent((e) => {
    if (e.type !== 'metrics') return;
    for (const p of e.points) {
      if (p.key.startsWith('val/') || p.key.startsWith('train/')) finals[p.key] = p.value;
      if (p.key === 'val/accuracy') console.log(`${template.id} epoch ${p.step}: val/accuracy ${p.value.toFixed(4)}`);
    }
  });
  const info = await kernel.ready();
  const started = performance.now();
  const cells = template.cells.filter((c) => c.type === 'code').map((c, i) => ({ cellId: `c${i}`, source: c.source }));
  for (const cell of cells) {
    const outcome = await kernel.execute({ ...cell, notebookCells: cells });
    if (!outcome.ok) throw new Error(`${template.id} ${cell.cellId}: ${outcome.error.name}: ${outcome.error.message} (line ${outcome.error.line})`);
  }
  kernel.dispose();
  return { template: template.id, backend: info.backend, seconds: Math.round((performance.now() - started) / 1000), ...finals };
}

(globalThis as unknown as { runTemplate: typeof runTemplate }).runTemplate = runTemplate;
