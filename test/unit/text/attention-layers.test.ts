import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmUnsortedSegmentSum } from '@/lib/kernel/wasm-segment-sum';
import { exportOnnx } from '@/lib/onnx';
import { findSelfAttention, POSITION_EMBEDDING_CLASS, SELF_ATTENTION_CLASS, textLayers } from '@/lib/text/attention-layers';

const LEN = 6;
const WIDTH = 8;

function encoder(vocab = 20) {
  const layers = textLayers(tf);
  const ids = tf.input({ shape: [LEN], dtype: 'int32' });
  const x = layers.positionEmbedding().apply(tf.layers.embedding({ inputDim: vocab, outputDim: WIDTH }).apply(ids)) as tf.SymbolicTensor;
  const attended = layers.selfAttention({ numHeads: 2 }).apply(x) as tf.SymbolicTensor;
  const normed = tf.layers.layerNormalization().apply(tf.layers.add().apply([x, attended])) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(tf.layers.globalAveragePooling1d().apply(normed)) as tf.SymbolicTensor;
  return tf.model({ inputs: ids, outputs: out });
}

beforeAll(() => tf.setBackend('cpu'));
afterAll(() => tf.setBackend('cpu'));

describe('transformer layers (bench.text.layers)', () => {
  it('self-attention weights are a distribution over keys for every head and query, and the output keeps the shape', () => {
    const model = encoder();
    const layer = findSelfAttention(model)!;
    expect(layer.getClassName()).toBe(SELF_ATTENTION_CLASS);
    const x = tf.randomNormal([3, LEN, WIDTH], 0, 1, 'float32', 1);
    const weights = layer.attentionWeights(x);
    expect(weights.shape).toEqual([3, 2, LEN, LEN]);
    const sums = weights.sum(-1).dataSync();
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
    expect((layer.apply(x) as tf.Tensor).shape).toEqual([3, LEN, WIDTH]);
    tf.dispose([x, weights]);
    expect(() => textLayers(tf).selfAttention({ numHeads: 3 }).apply(tf.input({ shape: [LEN, WIDTH] }))).toThrow(/width 8 must divide by numHeads 3/);
  });

  it('serializes: a model rebuilt from its JSON (checkpoints, seeded re-initialisation) has the layers and predicts the same', async () => {
    const model = encoder();
    const ids = tf.tensor2d([[1, 2, 3, 4, 0, 0]], [1, LEN], 'int32');
    const copy = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as never);
    expect(copy.layers.map((l) => l.getClassName())).toContain(POSITION_EMBEDDING_CLASS);
    copy.setWeights(model.getWeights());
    const [a, b] = [model.predict(ids) as tf.Tensor, copy.predict(ids) as tf.Tensor];
    expect(Math.abs(a.dataSync()[0] - b.dataSync()[0])).toBeLessThan(1e-6);
    tf.dispose([ids, a, b]);
  });

  it('trains: the loss of a toy task (does token 3 occur?) falls, on wasm with the registered embedding gradient as on cpu', async () => {
    expect(registerWasmUnsortedSegmentSum(tf)).toBe(true);
    // Tokens 4..11, with token 3 placed somewhere in every even row: label = row holds a 3.
    const rows = Array.from({ length: 64 }, (_, i) => Array.from({ length: LEN }, (_, j) => (j === i % LEN && i % 2 === 0 ? 3 : 4 + ((i * 5 + j * 3) % 8))));
    const labels = rows.map((r) => (r.includes(3) ? 1 : 0));
    const losses: Record<string, number[]> = {};
    for (const backend of ['cpu', 'wasm']) {
      expect(await tf.setBackend(backend)).toBe(true);
      const model = encoder(12);
      model.compile({ optimizer: tf.train.adam(0.02), loss: 'binaryCrossentropy' });
      const x = tf.tensor2d(rows, [rows.length, LEN], 'int32');
      const y = tf.tensor2d(labels, [labels.length, 1]);
      const history = await model.fit(x, y, { epochs: 15, batchSize: 16, verbose: 0, shuffle: false });
      losses[backend] = history.history.loss as number[];
      tf.dispose([x, y]);
    }
    for (const l of Object.values(losses)) expect(l[l.length - 1]).toBeLessThan(l[0] * 0.7);
  }, 60_000);

  it('the wasm UnsortedSegmentSum agrees with cpu (the embedding gradient)', async () => {
    registerWasmUnsortedSegmentSum(tf);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      const ids = tf.tensor1d([2, 0, 2, 5], 'int32');
      const out = tf.unsortedSegmentSum(x, ids, 4);
      const values = Array.from(await out.data());
      tf.dispose([x, ids, out]);
      return values;
    };
    const cpu = await run('cpu');
    expect(cpu).toEqual([3, 4, 0, 0, 6, 8, 0, 0]);
    expect(await run('wasm')).toEqual(cpu);
    await tf.setBackend('cpu');
  });

  it('ONNX export refuses the custom layers by class name (no crash)', async () => {
    const layers = textLayers(tf);
    const input = tf.input({ shape: [LEN, WIDTH] });
    const attended = layers.selfAttention({ numHeads: 2 }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(tf.layers.flatten().apply(attended)) as tf.SymbolicTensor });
    await expect(exportOnnx(model)).rejects.toThrow(new RegExp(`${SELF_ATTENTION_CLASS}.*no ONNX converter`));
    await expect(exportOnnx(encoder())).rejects.toThrow(new RegExp(POSITION_EMBEDDING_CLASS));
  });
});

describe('bench.text and bench.heatmap', () => {
  it('attention() gives one row-stochastic map per head for one input row; heatmap() emits it as a cell output', async () => {
    const { createTestSession } = await import('../bench/node-session');
    const { createBench } = await import('@/lib/bench/create-bench');
    const session = await createTestSession();
    const bench = createBench(session);
    const ids = tf.tensor2d([[1, 2, 3, 4, 0, 0]], [1, LEN], 'int32');
    const maps = await bench.text.attention(encoder(), ids);
    expect(maps).toHaveLength(2);
    for (const head of maps) for (const row of head) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    await expect(bench.text.attention(tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] }), ids)).rejects.toThrow(/no self-attention layer/);
    bench.heatmap(maps[0], { title: 'head 1', rows: ['a', 'b', 'c', 'd', 'e', 'f'], columns: ['a', 'b', 'c', 'd', 'e', 'f'] });
    const out = session.events.find((e) => e.type === 'output' && e.output.type === 'heatmap');
    expect(out && out.type === 'output' && out.output.type === 'heatmap' && out.output.values.length).toBe(36);
    expect(() => bench.heatmap([[1, 2], [3]])).toThrow(/every row must have 2 values/);
    expect(() => bench.heatmap(Array.from({ length: 101 }, () => new Array(100).fill(0)))).toThrow(/10100 cells, at most 10000/);
    ids.dispose();
    session.runStore.close();
  });
});
