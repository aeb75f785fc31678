import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFastUnsortedSegmentSum } from '@/lib/kernel/segment-sum';
import { exportOnnx } from '@/lib/onnx';
import { findSelfAttention, POSITION_EMBEDDING_CLASS, SELF_ATTENTION_CLASS, textLayers } from '@/lib/text/attention-layers';
import { decode, maxAbsDiff, opTypes, predict, runOnnx } from '../onnx/helpers';

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
    expect(registerFastUnsortedSegmentSum(tf)).toBe(true);
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

  it('the registered UnsortedSegmentSum (the embedding gradient) sums rows per segment on cpu and wasm', async () => {
    registerFastUnsortedSegmentSum(tf);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
      const ids = tf.tensor1d([2, 0, 2, 5, -1], 'int32'); // 5 and -1 are out of range: dropped, as tf does
      const out = tf.unsortedSegmentSum(x, ids, 4);
      const values = { shape: out.shape, data: Array.from(await out.data()) };
      tf.dispose([x, ids, out]);
      return values;
    };
    const expected = { shape: [4, 2], data: [3, 4, 0, 0, 6, 8, 0, 0] };
    expect(await run('cpu')).toEqual(expected);
    expect(await run('wasm')).toEqual(expected);
    await tf.setBackend('cpu');
  });

  it('on cpu, the embedding gradient of the text template\'s default size takes milliseconds, not seconds', async () => {
    registerFastUnsortedSegmentSum(tf);
    await tf.setBackend('cpu');
    // One training batch of the template's defaults: 32 mails × 64 tokens, width 32, vocabulary 1,000.
    const x = tf.randomNormal([32 * 64, 32], 0, 1, 'float32', 1) as tf.Tensor2D;
    const ids = tf.randomUniform([32 * 64], 0, 1000, 'int32', 2) as tf.Tensor1D;
    const started = performance.now();
    const out = tf.unsortedSegmentSum(x, ids, 1000);
    const sums = await out.sum(1).data();
    // tfjs's own cpu kernel (a mask per vocabulary entry) took 40+ s here; the loop takes ~5 ms.
    expect(performance.now() - started).toBeLessThan(1_000);
    const values = x.arraySync();
    const idList = ids.arraySync();
    const reference = new Array<number>(1000).fill(0);
    idList.forEach((id, r) => (reference[id] += values[r].reduce((a, b) => a + b, 0)));
    reference.forEach((v, i) => expect(sums[i]).toBeCloseTo(v, 3));
    tf.dispose([x, ids, out]);
  });

  it('ONNX export writes the custom layers as standard ops; onnxruntime matches tfjs (was: refused by class name)', async () => {
    const model = encoder();
    const bytes = await exportOnnx(model, { quantize: 'none' });
    expect(new Set(opTypes(decode(bytes)))).toEqual(new Set(['Gather', 'Add', 'MatMul', 'Reshape', 'Transpose', 'Mul', 'Softmax', 'LayerNormalization', 'ReduceMean', 'Sigmoid']));
    const ids = tf.tensor2d([[1, 4, 9, 0, 0, 0], [3, 3, 17, 2, 8, 5]], [2, LEN], 'int32');
    expect(maxAbsDiff(await runOnnx(bytes, [ids]), await predict(model, [ids]))).toBeLessThanOrEqual(1e-5);
    ids.dispose();
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
