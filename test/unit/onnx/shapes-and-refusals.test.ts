import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx, LayerExportError } from '@/lib/onnx';
import { formatShape, inputDims, outputDims } from '@/lib/onnx/shape-text';
import { decode, useCpuBackend, type DecodedModel } from './helpers';

/** Unknown dims stay symbolic in the file; a layer that cannot be expressed is refused by its path and class. */
function dims(model: DecodedModel, which: 'input' | 'output', i = 0): (string | number | null)[] {
  const v = model.graph![which]![i];
  return v.type!.tensorType!.shape!.dim!.map((d) => (d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? Number(d.dimValue) : null));
}

/** A custom layer tfjs can load (it is registered) but ONNX has no converter for. */
class MyCustomLayer extends tf.layers.Layer {
  static className = 'MyCustomLayer';
  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.sin(Array.isArray(inputs) ? inputs[0] : inputs));
  }
}
tf.serialization.registerClass(MyCustomLayer);

beforeAll(async () => {
  await useCpuBackend();
});

describe('dynamic shapes', () => {
  it('names unknown input dims batch/height/width and leaves unknown output sizes unnamed', async () => {
    const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [null, null, 3], filters: 2, kernelSize: 3, padding: 'same' }), tf.layers.upSampling2d({ size: [2, 2] })] });
    const m = decode(await exportOnnx(model, { quantize: 'none' }));
    expect(dims(m, 'input')).toEqual(['batch', 'height', 'width', 3]);
    expect(dims(m, 'output')).toEqual(['batch', null, null, 2]);
  });

  it('suffixes the second input’s names (its sizes need not equal the first’s) and names sequence steps', async () => {
    const a = tf.input({ shape: [null, 4] });
    const b = tf.input({ shape: [null, 4] });
    const model = tf.model({ inputs: [a, b], outputs: tf.layers.concatenate({ axis: 1 }).apply([a, b]) as tf.SymbolicTensor });
    const m = decode(await exportOnnx(model, { quantize: 'none' }));
    expect(dims(m, 'input', 0)).toEqual(['batch', 'steps', 4]);
    expect(dims(m, 'input', 1)).toEqual(['batch', 'steps_1', 4]);
  });

  it('prints unknown sizes as ? in messages', () => {
    expect(formatShape([null, null, null, 3])).toBe('[?, ?, ?, 3]');
    expect(inputDims([null, null, null, null, 1])).toEqual(['batch', 'depth', 'height', 'width', 1]);
    expect(inputDims([null, 5, null, 2, null, 1])).toEqual(['batch', 5, 'd2', 2, 'd4', 1]);
    expect(outputDims([null, 7, null])).toEqual(['batch', 7, null]);
  });
});

describe('refusals name the layer by its path and class, and write nothing', () => {
  it('a custom layer inside a nested functional model', async () => {
    const innerIn = tf.input({ shape: [4] });
    const hidden = tf.layers.dense({ units: 4, name: 'dense_a' }).apply(innerIn) as tf.SymbolicTensor;
    const block = tf.model({ name: 'block_2', inputs: innerIn, outputs: new MyCustomLayer({ name: 'lambda_1' }).apply(hidden) as tf.SymbolicTensor });
    const x = tf.input({ shape: [4] });
    const model = tf.model({ name: 'model', inputs: x, outputs: tf.layers.dense({ units: 2 }).apply(block.apply(x) as tf.SymbolicTensor) as tf.SymbolicTensor });
    const error = await exportOnnx(model).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LayerExportError);
    expect((error as LayerExportError).path).toBe('model/block_2/lambda_1');
    expect((error as Error).message).toMatch(/^layer 'model\/block_2\/lambda_1' \(MyCustomLayer\): no ONNX converter for this layer class\. Supported classes: .*Conv2D/);
  });

  it('a custom layer wrapped in TimeDistributed is named under its wrapper', async () => {
    const model = tf.sequential({ name: 'seq', layers: [tf.layers.timeDistributed({ inputShape: [3, 4], layer: new MyCustomLayer({ name: 'inner' }), name: 'td' })] });
    await expect(exportOnnx(model)).rejects.toThrow(/^layer 'seq\/td\/inner' \(MyCustomLayer\)/);
  });

  it('a mask reaching an LSTM (ONNX RNN ops cannot skip masked steps mid-sequence)', async () => {
    const model = tf.sequential({ name: 'tagger', layers: [tf.layers.masking({ inputShape: [5, 2], maskValue: 0 }), tf.layers.dense({ units: 3 }), tf.layers.lstm({ units: 2, name: 'rnn' })] });
    await expect(exportOnnx(model)).rejects.toThrow(/^layer 'tagger\/rnn' \(LSTM\): a mask \(from Masking or Embedding mask_zero\) reaches this RNN/);
    const tokens = tf.sequential({ name: 'tok', layers: [tf.layers.embedding({ inputShape: [4], inputDim: 9, outputDim: 3, maskZero: true }), tf.layers.bidirectional({ layer: tf.layers.gru({ units: 2, name: 'g' }) as tf.RNN, name: 'bi' })] });
    await expect(exportOnnx(tokens)).rejects.toThrow(/^layer 'tok\/bi\/[^']+' \(GRU\): a mask/);
  });
});
