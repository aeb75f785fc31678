import { afterEach, describe, expect, it } from 'vitest';
import { createNodeKernel } from '@/bench/lib/node-kernel';
import type { KernelClient } from '@/lib/kernel/client';
import type { CellOutput, KernelEvent } from '@/lib/kernel/protocol';

let kernel: KernelClient;
afterEach(() => kernel?.dispose());

function start(params?: Record<string, number | string>) {
  kernel = createNodeKernel({ params });
  const events: KernelEvent[] = [];
  kernel.onEvent((e) => events.push(e));
  const outputs = (cellId: string): CellOutput[] => events.flatMap((e) => (e.type === 'output' && e.cellId === cellId ? [e.output] : []));
  return { events, outputs };
}

describe('kernel (client + host in one process, cpu backend)', () => {
  it('selects the forced cpu backend after its self-test', async () => {
    start();
    const info = await kernel.ready();
    expect(info).toMatchObject({ backend: 'cpu', adapter: null, skipped: [] });
    expect(info.tfjsVersion).toMatch(/^4\./);
  });

  it('keeps state across cells, shows values and console output, and survives errors', async () => {
    const { outputs } = start();
    expect(await kernel.execute({ cellId: 'a', source: 'const x: number = 20;\nconsole.log("x is", x, { y: [1, 2] });' })).toMatchObject({ ok: true, result: { value: null } });
    expect(outputs('a')).toEqual([{ type: 'text', stream: 'stdout', text: 'x is 20 { y: [ 1, 2 ] }\n' }]);
    const bad = await kernel.execute({ cellId: 'b', source: 'const ok = 1;\nnull.boom;' });
    expect(bad).toMatchObject({ ok: false, error: { name: 'TypeError', line: 2 } });
    expect(outputs('b')[0]).toMatchObject({ type: 'error', error: { line: 2 } });
    const syntax = await kernel.execute({ cellId: 'c', source: 'let = ;' });
    expect(syntax).toMatchObject({ ok: false, error: { name: 'SyntaxError', line: 1 } });
    const after = await kernel.execute({ cellId: 'd', source: 'console.warn("w");\nx + ok + tf.tensor1d([1, 2]).sum().dataSync()[0]' });
    expect(after).toMatchObject({ ok: true, result: { value: '24' } });
    expect(outputs('d')).toEqual([{ type: 'text', stream: 'stderr', text: 'w\n' }, { type: 'value', text: '24' }]);
  });

  it('passes notebook params to bench.param', async () => {
    start({ epochs: 3 });
    expect(await kernel.execute({ cellId: 'p', source: "bench.param('epochs', 10) * 2" })).toMatchObject({ ok: true, result: { value: '6' } });
  });

  it('Stop during bench.train ends the run as stopped and the cell as Interrupted; the kernel lives on', async () => {
    const { events } = start();
    await kernel.ready();
    const cell = kernel.execute({
      cellId: 't',
      source: `const data = await bench.datasets.spirals({ n: 400, seed: 1 });
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
await bench.train({ name: 'long', model, data, epochs: 1000, batchSize: 8, seed: 1 });`,
    });
    while (!events.some((e) => e.type === 'progress')) await new Promise((r) => setTimeout(r, 10));
    expect(await kernel.stop()).toBe('stopped');
    const outcome = await cell;
    expect(outcome).toMatchObject({ ok: false, error: { name: 'Interrupted' } });
    const finished = events.find((e) => e.type === 'run-finished');
    expect(finished).toMatchObject({ status: 'stopped' });
    // The stopped run is stored with the batches it trained before Stop.
    const runs = await kernel.execute({ cellId: 'r', source: '(await bench.runs()).map((r) => `${r.name}:${r.status}:${r.summary["batch/loss"]?.count > 0}`).join(",")' });
    expect(runs).toMatchObject({ ok: true, result: { value: "'long:stopped:true'" } });
    expect(await kernel.execute({ cellId: 'm', source: 'model.layers.length' })).toMatchObject({ ok: true, result: { value: '2' } });
  });

  it('a cell that ignores Stop gets the kernel restarted, with state lost but the notebook usable', async () => {
    const { events } = start();
    await kernel.ready();
    await kernel.execute({ cellId: 'a', source: 'const kept = 1;' });
    const cell = kernel.execute({ cellId: 'loop', source: 'for (let i = 0; i < 40; i++) await new Promise((r) => setTimeout(r, 50));' });
    await new Promise((r) => setTimeout(r, 30));
    expect(await kernel.stop()).toBe('restarted');
    expect(await cell).toMatchObject({ ok: false, error: { name: 'KernelRestarted' } });
    expect(events.some((e) => e.type === 'restarted')).toBe(true);
    expect(await kernel.execute({ cellId: 'b', source: 'typeof kept' })).toMatchObject({ ok: true, result: { value: "'undefined'" } });
  });

  it('Stop cancels queued cells', async () => {
    start();
    await kernel.ready();
    const slow = kernel.execute({ cellId: 's', source: `const d = await bench.datasets.xor({ n: 400 });
const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, activation: 'sigmoid' })] });
await bench.train({ model: m, data: d, epochs: 500, batchSize: 4, seed: 1 });` });
    const queued = kernel.execute({ cellId: 'q', source: '1 + 1' });
    await new Promise((r) => setTimeout(r, 300));
    await kernel.stop();
    expect(await slow).toMatchObject({ ok: false });
    expect(await queued).toMatchObject({ ok: false, error: { name: 'Cancelled' } });
  });
});
