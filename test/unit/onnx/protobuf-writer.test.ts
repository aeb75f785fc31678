import { describe, expect, it } from 'vitest';
import { DataType, type ModelDef } from '@/lib/onnx/onnx-ir';
import { encodeModel } from '@/lib/onnx/protobuf-writer';
import { decode, onnx } from './helpers';

/** Our writer's bytes, read back by onnx-proto (protobufjs), carry every field as written. */
describe('protobuf writer', () => {
  const model: ModelDef = {
    irVersion: 8,
    opset: 17,
    producerName: 'benchtop',
    producerVersion: '0.1.0',
    docString: 'doc ✓',
    metadata: { run_id: 'r-ü', empty: '' },
    graph: {
      name: 'g',
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['N', 3, 300] }],
      outputs: [{ name: 'y', elemType: DataType.INT32 }],
      initializers: [
        { name: 'w', dataType: DataType.FLOAT, dims: [2, 2], data: Float32Array.of(1.5, -2, 3e-8, 1e30) },
        { name: 'shape', dataType: DataType.INT64, dims: [3], data: BigInt64Array.of(0n, -1n, 5000000000n) },
        { name: 'q', dataType: DataType.INT8, dims: [3], data: Int8Array.of(-127, 0, 127) },
      ],
      nodes: [
        {
          name: 'n0',
          opType: 'Custom',
          inputs: ['x', 'w'],
          outputs: ['y'],
          attributes: {
            axis: { type: 'int', value: -1 },
            big: { type: 'int', value: 2 ** 40 },
            alpha: { type: 'float', value: 0.2 },
            mode: { type: 'string', value: 'SAME_UPPER' },
            perm: { type: 'ints', value: [0, 3, -2, 1] },
            scales: { type: 'floats', value: [0.5, -1.25] },
            value: { type: 'tensor', value: { name: 't', dataType: DataType.UINT8, dims: [], data: Uint8Array.of(200) } },
          },
        },
      ],
    },
  };
  const m = decode(encodeModel(model));

  it('writes the model header and metadata', () => {
    expect(Number(m.irVersion)).toBe(8);
    expect(m.producerName).toBe('benchtop');
    expect(m.producerVersion).toBe('0.1.0');
    expect(m.docString).toBe('doc ✓');
    expect(m.opsetImport!.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(m.metadataProps!.map((p) => [p.key, p.value])).toEqual([['run_id', 'r-ü'], ['empty', '']]);
  });

  it('writes value infos with symbolic and fixed dims, and without a shape', () => {
    const x = m.graph!.input![0];
    expect(x.name).toBe('x');
    expect(x.type!.tensorType!.elemType).toBe(onnx.TensorProto.DataType.FLOAT);
    expect(x.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', 3, 300]);
    const y = m.graph!.output![0];
    expect(y.type!.tensorType!.elemType).toBe(onnx.TensorProto.DataType.INT32);
    expect(y.type!.tensorType!.shape).toBeNull();
  });

  it('writes initializers as little-endian raw data', () => {
    const [w, shape, q] = m.graph!.initializer!;
    expect(w.dims!.map(Number)).toEqual([2, 2]);
    expect([...new Float32Array(new Uint8Array(w.rawData!).buffer)]).toEqual([...Float32Array.of(1.5, -2, 3e-8, 1e30)]);
    expect(shape.dataType).toBe(onnx.TensorProto.DataType.INT64);
    expect([...new BigInt64Array(new Uint8Array(shape.rawData!).buffer)]).toEqual([0n, -1n, 5000000000n]);
    expect([...new Int8Array(new Uint8Array(q.rawData!).buffer)]).toEqual([-127, 0, 127]);
  });

  it('writes every attribute type, negative and 64-bit ints included', () => {
    const node = m.graph!.node![0];
    expect(node.opType).toBe('Custom');
    expect(node.input).toEqual(['x', 'w']);
    const a = Object.fromEntries(node.attribute!.map((x) => [x.name!, x]));
    expect(Number(a.axis.i)).toBe(-1);
    expect(Number(a.big.i)).toBe(2 ** 40);
    expect(a.alpha.f).toBeCloseTo(0.2, 7);
    expect(new TextDecoder().decode(a.mode.s!)).toBe('SAME_UPPER');
    expect(a.perm.ints!.map(Number)).toEqual([0, 3, -2, 1]);
    expect(a.scales.floats).toEqual([0.5, -1.25]);
    expect(a.value.t!.dataType).toBe(onnx.TensorProto.DataType.UINT8);
    expect([...a.value.t!.rawData!]).toEqual([200]);
    expect(a.axis.type).toBe(onnx.AttributeProto.AttributeType.INT);
    expect(a.scales.type).toBe(onnx.AttributeProto.AttributeType.FLOATS);
  });
});
