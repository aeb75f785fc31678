import { afterEach, describe, expect, it } from 'vitest';
import { createNodeKernel } from '@/bench/lib/node-kernel';
import { tabularTemplate } from '@/lib/bench/templates/tabular';
import type { KernelClient } from '@/lib/kernel/client';
import type { Run } from '@/lib/track/schemas';
import { cellDiagnostics } from './typecheck-cells';

let kernel: KernelClient;
afterEach(() => kernel?.dispose());

/** Runs every code cell of the template in one Node kernel, then lists the stored runs. */
async function runTemplate(params: Record<string, number | string>): Promise<{ runs: Run[]; texts: string[] }> {
  kernel = createNodeKernel({ params });
  const texts: string[] = [];
  kernel.onEvent((e) => e.type === 'output' && e.output.type === 'text' && texts.push(e.output.text));
  for (const [i, c] of tabularTemplate.cells.entries()) {
    if (c.type !== 'code') continue;
    const reply = await kernel.execute({ cellId: `c${i}`, source: c.source });
    if (!reply.ok) throw new Error(`cell ${i}: ${reply.error.message}`);
  }
  const listed = await kernel.execute({ cellId: 'list', source: 'console.log(JSON.stringify(await bench.runs()))' });
  if (!listed.ok) throw new Error(listed.error.message);
  return { runs: JSON.parse(texts.at(-1)!) as Run[], texts };
}

describe('tabular template', () => {
  it('type-checks against the bench typings', () => {
    const source = `export async function cells() {\n${tabularTemplate.cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n;\n')}\n}\n`;
    expect(cellDiagnostics({ '__tabular.ts': source })).toEqual([]);
  }, 60_000);

  it('trains a forest and an MLP on the sample table: two finished runs, one fingerprint, both learn', async () => {
    const { runs, texts } = await runTemplate({ epochs: 8, trees: 20 });
    expect(texts.join('\n')).toContain('target "species": aster, bellflower, clover');
    const byName = Object.fromEntries(runs.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['table-forest', 'table-mlp']);
    for (const run of runs) expect(run.status).toBe('finished');
    expect(byName['table-forest'].datasetFingerprint).toMatch(/^table:sample:sha256=[0-9a-f]{16}:target=species:missing=impute/);
    expect(byName['table-mlp'].datasetFingerprint).toBe(byName['table-forest'].datasetFingerprint);
    // Three species, chance is 1/3: both models must be well above it on held-out rows.
    expect(byName['table-forest'].summary['val/accuracy'].last).toBeGreaterThan(0.75);
    expect(byName['table-mlp'].summary['val/accuracy'].last).toBeGreaterThan(0.75);
    expect(byName['table-forest'].config).toMatchObject({ model: 'random-forest', nEstimators: 20, trainSize: 480, validationSize: 120 });
  }, 120_000);

  it('an unknown table name fails the cell with the names that exist', async () => {
    kernel = createNodeKernel();
    const reply = await kernel.execute({ cellId: 'c', source: "await bench.datasets.table({ name: 'nope.csv' })" });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/no table "nope.csv" in this browser \(stored: none/);
  });
});
