import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportOnnx, LayerExportError } from '@/lib/onnx';
import { countOps, decode, onnx, opTypes, runOnnx, seededInput, seedWeights, useCpuBackend, type DecodedModel } from './helpers';

/** The written protobuf, decoded by onnx-proto, has the structure DESIGN.md asks for. */

const TensorType = onnx.TensorProto.DataType;

function mlp(): tf.LayersModel {
  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
}

function cnn(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}

function dims(model: DecodedModel, which: 'input' | 'output', i = 0): (string | number)[] {
  const v = model.graph![which]![i];
  return v.type!.tensorType!.shape!.dim!.map((d) => (d.dimParam ? d.dimParam : Number(d.dimValue)));
}

function metadata(model: DecodedModel): Record<string, string> {
  return Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key!, p.value!]));
}

function attribute(model: DecodedModel, opType: string, name: string, nth = 0) {
  const node = model.graph!.node!.filter((n) => n.opType === opType)[nth];
  return node.attribute!.find((a) => a.name === name);
}

beforeAll(async () => {
  await useCpuBackend();
});

describe('ONNX graph structure', () => {
  it('MLP: header, names, dynamic batch, metadata, and no Transpose', async () => {
    const m = decode(await exportOnnx(mlp(), { quantize: 'none', runId: 'run-123' }));
    expect(Number(m.irVersion)).toBe(8);
    expect(m.opsetImport!.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(m.producerName).toBe('benchtop');
    expect(opTypes(m)).toEqual(['MatMul', 'Add', 'Relu', 'MatMul', 'Add', 'Softmax']);
    expect(countOps(m, 'Transpose')).toBe(0);
    expect(m.graph!.input![0].name).toBe('dense_Dense1_input');
    expect(m.graph!.input![0].type!.tensorType!.elemType).toBe(TensorType.FLOAT);
    expect(dims(m, 'input')).toEqual(['batch', 784]);
    expect(dims(m, 'output')).toEqual(['batch', 10]);
    expect(m.graph!.output![0].name).toBe('dense_Dense2');
    expect(metadata(m)).toEqual({ run_id: 'run-123', source_framework: 'tensorflow.js 4.22.0', quantization: 'none' });
  });

  it('CNN: exactly one Transpose, at the input, and Flatten feeds MatMul directly', async () => {
    const m = decode(await exportOnnx(cnn(), { quantize: 'none' }));
    const nodes = m.graph!.node!;
    expect(countOps(m, 'Transpose')).toBe(1);
    expect(nodes[0].opType).toBe('Transpose');
    expect(nodes[0].input).toEqual([m.graph!.input![0].name]);
    expect(attribute(m, 'Transpose', 'perm')!.ints!.map(Number)).toEqual([0, 3, 1, 2]);
    const flatten = nodes.find((n) => n.opType === 'Flatten')!;
    const consumer = nodes.find((n) => n.input!.includes(flatten.output![0]))!;
    expect(consumer.opType).toBe('MatMul');
    expect(dims(m, 'input')).toEqual(['batch', 28, 28, 1]);
  });

  it("TF 'same' padding puts the extra pixel at the end", async () => {
    const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [10, 7, 2], filters: 3, kernelSize: [4, 2], padding: 'same' })] });
    const m = decode(await exportOnnx(model, { quantize: 'none' }));
    // Height: kernel 4 → 3 pad rows, 1 before and 2 after; width: kernel 2 → 0 before, 1 after.
    expect(attribute(m, 'Conv', 'pads')!.ints!.map(Number)).toEqual([1, 0, 2, 1]);
    const strided = tf.sequential({ layers: [tf.layers.maxPooling2d({ inputShape: [8, 8, 1], poolSize: 3, strides: 2, padding: 'same' })] });
    // out = 4, total = (4-1)*2 + 3 - 8 = 1 → 0 before, 1 after.
    expect(attribute(decode(await exportOnnx(strided, { quantize: 'none' })), 'MaxPool', 'pads')!.ints!.map(Number)).toEqual([0, 0, 1, 1]);
  });

  it('int8: weights are int8 initializers dequantized per output channel (MatMul axis 1, Conv axis 0)', async () => {
    const model = cnn();
    seedWeights(model, 7);
    const m = decode(await exportOnnx(model, { quantize: 'int8', runId: 'r1' }));
    expect(metadata(m).quantization).toBe('int8');
    const init = new Map(m.graph!.initializer!.map((t) => [t.name!, t]));
    const dq = m.graph!.node!.filter((n) => n.opType === 'DequantizeLinear');
    expect(dq).toHaveLength(3);
    for (const consumerType of ['Conv', 'MatMul']) {
      for (const node of m.graph!.node!.filter((n) => n.opType === consumerType)) {
        const producer = dq.find((d) => d.output![0] === node.input![1]);
        expect(producer, `${consumerType} weight comes from DequantizeLinear`).toBeDefined();
        const axis = Number(producer!.attribute!.find((a) => a.name === 'axis')!.i);
        expect(axis).toBe(consumerType === 'Conv' ? 0 : 1);
        const [q, scale, zero] = producer!.input!.map((n) => init.get(n)!);
        expect(q.dataType).toBe(TensorType.INT8);
        expect(scale.dataType).toBe(TensorType.FLOAT);
        expect(zero.dataType).toBe(TensorType.INT8);
        const channels = Number(q.dims![axis]);
        expect(scale.dims!.map(Number)).toEqual([channels]);
        expect([...zero.rawData!]).toEqual(new Array(channels).fill(0));
      }
    }
    // No float copy of a quantized weight is left behind; biases stay float.
    const floatInits = m.graph!.initializer!.filter((t) => t.dataType === TensorType.FLOAT && t.dims!.length > 1);
    expect(floatInits.map((t) => t.name)).toEqual([]);
  });

  it('int8 weight-only file of the MNIST MLP is under 30% of fp32', async () => {
    const model = mlp();
    const fp32 = await exportOnnx(model, { quantize: 'none' });
    const int8 = await exportOnnx(model, { quantize: 'int8' });
    expect(int8.length / fp32.length).toBeLessThan(0.3);
  });

  it('int8-static: QDQ on every Conv/MatMul input and Conv output (uint8 activations, int32 conv bias)', async () => {
    const model = cnn();
    seedWeights(model, 8);
    const calibration = seededInput([16, 28, 28, 1], 9, { scale: 1 }).abs();
    const bytes = await exportOnnx(model, { quantize: 'int8-static', calibration });
    const m = decode(bytes);
    const nodes = m.graph!.node!;
    const init = new Map(m.graph!.initializer!.map((t) => [t.name!, t]));
    const producer = (value: string) => nodes.find((n) => n.output!.includes(value));
    const consumers = (value: string) => nodes.filter((n) => n.input!.includes(value));
    const quantizedThrough = (value: string) => {
      const dq = producer(value)!;
      expect(dq.opType).toBe('DequantizeLinear');
      return dq;
    };
    for (const node of nodes.filter((n) => n.opType === 'Conv' || n.opType === 'MatMul')) {
      // Data input: uint8 Q → DQ.
      const q = producer(quantizedThrough(node.input![0]).input![0])!;
      expect(q.opType).toBe('QuantizeLinear');
      expect(init.get(q.input![2])!.dataType).toBe(TensorType.UINT8);
      // Weight: int8 DQ.
      expect(init.get(quantizedThrough(node.input![1]).input![0])!.dataType).toBe(TensorType.INT8);
      // Conv output (after the Relu it feeds) is quantized again, for a QLinearConv; a MatMul's
      // output goes on to its float bias Add.
      let out = node.output![0];
      const next = consumers(out);
      if (next.length === 1 && next[0].opType === 'Relu') out = next[0].output![0];
      expect(consumers(out).map((n) => n.opType)).toEqual([node.opType === 'Conv' ? 'QuantizeLinear' : 'Add']);
    }
    for (const conv of nodes.filter((n) => n.opType === 'Conv')) {
      expect(init.get(quantizedThrough(conv.input![2]).input![0])!.dataType).toBe(TensorType.INT32);
    }
    expect(metadata(m).quantization).toBe('int8-static');
    // The model output stays float: the last op is the softmax.
    expect(producer(m.graph!.output![0].name!)!.opType).toBe('Softmax');
    const out = await runOnnx(bytes, [calibration]);
    expect(out[0].length).toBe(160);
    calibration.dispose();
  });

  it('int8-static without calibration data is refused', async () => {
    await expect(exportOnnx(mlp(), { quantize: 'int8-static' })).rejects.toThrow(/needs calibration inputs/);
  });

  it('the same model exports to the same bytes', async () => {
    const model = cnn();
    seedWeights(model, 3);
    const a = await exportOnnx(model, { quantize: 'int8', runId: 'x' });
    const b = await exportOnnx(model, { quantize: 'int8', runId: 'x' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('unsupported input fails loudly', () => {
  it('names the layer by its path, its class and the supported classes', async () => {
    const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [10, 10, 2], filters: 2, kernelSize: 3 }), tf.layers.conv2d({ filters: 2, kernelSize: 3, name: 'my_conv', dataFormat: 'channelsFirst' })] });
    const error = await exportOnnx(model).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LayerExportError);
    expect((error as Error).message).toMatch(new RegExp(`^layer '${model.name}/my_conv' \\(Conv2D\\): dataFormat 'channelsFirst' is not supported`));
  });

  it('refuses BatchNormalization over a non-last axis (tfjs itself does not normalize along it)', async () => {
    const model = tf.sequential({ layers: [tf.layers.batchNormalization({ inputShape: [4, 5, 3], axis: 1, name: 'bn_h' })] });
    await expect(exportOnnx(model, { quantize: 'none' })).rejects.toThrow(/\/bn_h' \(BatchNormalization\): axis 1 is not supported/);
  });
});
