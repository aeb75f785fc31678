import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseExportArgs } from '@/lib/onnx/cli';
import { formatDims, parseInputShape, resolveInputShapes } from '@/lib/onnx/cli/input-shapes';

function superResolution(): tf.LayersModel {
  const input = tf.input({ shape: [null, null, 3], name: 'LR' });
  return tf.model({ inputs: input, outputs: tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor });
}

describe('input shapes for unknown dims', () => {
  it('prints unknown dims as ?', () => {
    expect(formatDims([null, null, null, 3])).toBe('[?, ?, ?, 3]');
  });

  it('parses 1x64x64x3 and names what is wrong otherwise', () => {
    expect(parseInputShape('1x64x64x3')).toEqual([1, 64, 64, 3]);
    expect(parseInputShape('1x64x0x3')).toMatch(/positive integers joined by 'x'.*'1x64x0x3'/);
    expect(parseInputShape('64,64')).toMatch(/'64,64'/);
    expect(() => parseExportArgs(['export', 'm', '--out', 'o.onnx', '--input-shape', '1x-2'])).toThrow(/--input-shape must be positive integers/);
  });

  it('uses a stated default of 64 for unknown dims, keeping known ones', () => {
    const { shapes, notes } = resolveInputShapes(superResolution(), []);
    expect(shapes).toEqual([[64, 64, 3]]);
    expect(notes).toEqual(["input 'LR' has unknown dims [?, ?, ?, 3]: verified at [?, 64, 64, 3] (default 64; choose with --input-shape 1x64x64x3); the ONNX file keeps them symbolic"]);
  });

  it('takes --input-shape per input, repeatable, and refuses one that contradicts a known dim', () => {
    const args = parseExportArgs(['export', 'm', '--out', 'o.onnx', '--input-shape', '1x24x40x3']);
    expect(args.inputShapes).toEqual([[1, 24, 40, 3]]);
    expect(resolveInputShapes(superResolution(), args.inputShapes)).toEqual({ shapes: [[24, 40, 3]], notes: [] });
    expect(() => resolveInputShapes(superResolution(), [[1, 24, 40, 4]])).toThrow(/^--input-shape 1x24x40x4: dim 3 is 4, but input 'LR(_\d+)?' \[\?, \?, \?, 3\] fixes it at 3$/);
    expect(() => resolveInputShapes(superResolution(), [[1, 24, 3]])).toThrow(/has 3 dims; input 'LR(_\d+)?' \[\?, \?, \?, 3\] has 4/);
    expect(() => resolveInputShapes(superResolution(), [[1, 8, 8, 3], [1, 8, 8, 3]])).toThrow(/given 2 time\(s\); the model has 1 input/);
  });
});
