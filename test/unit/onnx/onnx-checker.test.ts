import { describe, expect, it } from 'vitest';
import { modelDef } from '@/lib/onnx/model-def';
import { DataType, type GraphDef } from '@/lib/onnx/onnx-ir';
import { encodeModel } from '@/lib/onnx/protobuf-writer';
import { OnnxChecker } from './onnx-checker';

/** The checker helper reports real problems: a file the official checker refuses is named with its error. */
function relu(outputRank: number): GraphDef {
  return {
    name: 'g',
    inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['batch', 3] }],
    outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: outputRank === 2 ? ['batch', 3] : ['batch', 3, 1] }],
    initializers: [],
    nodes: [{ name: 'r', opType: 'Relu', inputs: ['x'], outputs: ['y'], attributes: {} }],
  };
}

describe('OnnxChecker', () => {
  it('passes a valid file and names the broken ones with the checker message, in one python run', async () => {
    const checker = new OnnxChecker();
    checker.add('valid relu', encodeModel(modelDef(relu(2))));
    checker.add('output rank disagrees with inference', encodeModel(modelDef(relu(3))));
    const unknownOp = relu(2);
    unknownOp.nodes[0].opType = 'NoSuchOp';
    checker.add('unknown op', encodeModel(modelDef(unknownOp)));
    const failures = await checker.run();
    expect(failures.map((f) => f.name)).toEqual(['output rank disagrees with inference', 'unknown op']);
    expect(failures[1].error).toMatch(/NoSuchOp/);
  });

  it('refuses to run with no files (a check of nothing proves nothing)', async () => {
    await expect(new OnnxChecker().run()).rejects.toThrow(/no files/);
  });
});
