import { createNodeKernel } from '@/bench/lib/node-kernel';
import type { BenchTemplate } from '@/lib/bench/templates/template';
import type { KernelClient } from '@/lib/kernel/client';

/** A Node kernel that ran a template's code cells, top to bottom, as Run all does. */
export interface TemplateKernel {
  kernel: KernelClient;
  /** Text outputs so far, in order (console.log lines and cell values). */
  texts: string[];
  /** Runs one more cell in the same kernel (sees the template's variables); throws on its error. */
  run(source: string): Promise<void>;
}

/**
 * Runs every code cell of `template` in a fresh Node kernel (tfjs cpu, fake-indexeddb) with
 * `params` as `?param.*` overrides; throws naming the first cell that fails. Dispose the kernel.
 */
export async function runTemplateInNode(template: BenchTemplate, params: Record<string, number | string> = {}): Promise<TemplateKernel> {
  const kernel = createNodeKernel({ params });
  const texts: string[] = [];
  kernel.onEvent((e) => e.type === 'output' && e.output.type === 'text' && texts.push(e.output.text));
  let extra = 0;
  const run = async (source: string, cellId = `extra${extra++}`) => {
    const reply = await kernel.execute({ cellId, source });
    if (!reply.ok) throw new Error(`${template.id} ${cellId}: ${reply.error.name}: ${reply.error.message}`);
  };
  try {
    for (const [i, c] of template.cells.entries()) if (c.type === 'code') await run(c.source, `c${i}`);
  } catch (error) {
    kernel.dispose();
    throw error;
  }
  return { kernel, texts, run: (source) => run(source) };
}
