import { afterEach, describe, expect, it } from 'vitest';
import { createNodeKernel } from '@/bench/lib/node-kernel';
import { imageCnnTemplate } from '@/lib/bench/templates/image-cnn';
import type { KernelClient } from '@/lib/kernel/client';
import type { Run } from '@/lib/track/schemas';
import { cellDiagnostics } from './typecheck-cells';

let kernel: KernelClient;
afterEach(() => kernel?.dispose());

describe('image CNN template', () => {
  it('type-checks against the bench typings', () => {
    const source = `export async function cells() {\n${imageCnnTemplate.cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n;\n')}\n}\n`;
    expect(cellDiagnostics({ '__images.ts': source })).toEqual([]);
  }, 60_000);

  it('trains on the shipped shapes: a finished run with the set fingerprint, well above chance', async () => {
    // 10 of the template's 12 epochs: 0.92 on 2026-12-07 (the flatten + dense head it had reached 0.53-0.58 at 12).
    kernel = createNodeKernel({ params: { epochs: 10 } });
    const texts: string[] = [];
    kernel.onEvent((e) => e.type === 'output' && e.output.type === 'text' && texts.push(e.output.text));
    for (const [i, c] of imageCnnTemplate.cells.entries()) {
      if (c.type !== 'code') continue;
      const reply = await kernel.execute({ cellId: `c${i}`, source: c.source });
      if (!reply.ok) throw new Error(`cell ${i}: ${reply.error.message}`);
    }
    expect(texts.join('\n')).toContain('classes: circle (60), square (60), triangle (60)');
    const listed = await kernel.execute({ cellId: 'list', source: 'console.log(JSON.stringify(await bench.runs()))' });
    if (!listed.ok) throw new Error(listed.error.message);
    const [run] = JSON.parse(texts.at(-1)!) as Run[];
    expect(run).toMatchObject({ name: 'images-cnn', status: 'finished' });
    expect(run.datasetFingerprint).toMatch(/^images:sample:sha256=[0-9a-f]{16}:val=0.2:seed=1$/);
    expect(run.summary['val/accuracy'].last).toBeGreaterThan(0.75); // 3 classes: chance is 1/3
  }, 600_000);
});
