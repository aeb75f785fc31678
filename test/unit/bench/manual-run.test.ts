import { afterEach, describe, expect, it } from 'vitest';
import { createNodeKernel } from '@/bench/lib/node-kernel';
import type { KernelClient } from '@/lib/kernel/client';
import type { KernelEvent } from '@/lib/kernel/protocol';
import type { Run } from '@/lib/track/schemas';

let kernel: KernelClient;
afterEach(() => kernel?.dispose());

/** Runs `source` as a cell of a fresh Node kernel (client + host + bench, cpu backend). */
async function run(cells: string[]): Promise<{ runs: Run[]; events: KernelEvent[] }> {
  kernel = createNodeKernel();
  const events: KernelEvent[] = [];
  kernel.onEvent((e) => events.push(e));
  for (const [i, source] of cells.entries()) await kernel.execute({ cellId: `c${i}`, source });
  const listed = await kernel.execute({ cellId: 'list', source: 'console.log(JSON.stringify(await bench.runs()))' });
  if (!listed.ok) throw new Error(listed.error.message);
  const printed = events.flatMap((e) => (e.type === 'output' && e.cellId === 'list' && e.output.type === 'text' ? [e.output.text] : [])).join('');
  return { runs: JSON.parse(printed) as Run[], events };
}

describe('bench.run ends with the cell that fails', () => {
  it('a cell that throws after bench.run ends that run as failed, with the error stored on the run', async () => {
    const { runs, events } = await run(["const r = bench.run({ name: 'manual' });\nr.log({ loss: 1 });\nr.log({ loss: 0.5 });\nthrow new RangeError('diverged at step 2');"]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: 'manual', status: 'failed', statusReason: 'RangeError: diverged at step 2' });
    expect(runs[0].finishedAt).not.toBeNull();
    expect(runs[0].summary.loss).toMatchObject({ last: 0.5, count: 2 });
    expect(events).toContainEqual(expect.objectContaining({ type: 'run-finished', status: 'failed', reason: 'RangeError: diverged at step 2' }));
  });

  it('a later cell that logs to an open run and throws fails it; a cell that only throws leaves other runs open', async () => {
    const { runs } = await run([
      "globalThis.a = bench.run({ name: 'a' }); globalThis.b = bench.run({ name: 'b' });",
      "a.log({ loss: 1 });\nnull.boom;",
      "throw new Error('unrelated');",
    ]);
    const byName = Object.fromEntries(runs.map((r) => [r.name, r]));
    expect(byName.a).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(/^TypeError: /) });
    // `b` was neither started nor logged to by a failing cell: it stays open, as wandb runs do across cells.
    expect(byName.b.status).toBe('running');
  });

  it('a run finished by the cell is left as it was when a later line throws', async () => {
    const { runs } = await run(["const r = bench.run({ name: 'done' });\nr.log({ loss: 1 });\nawait r.finish();\nthrow new Error('after');"]);
    expect(runs[0]).toMatchObject({ status: 'finished', statusReason: null });
  });
});
