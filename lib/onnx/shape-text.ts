import type { DimDef } from './onnx-ir';

/** A tfjs shape for messages: `[?, ?, ?, 3]` (null, an unknown size, printed as `?`). */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/** Names of unknown non-batch dims by input rank: images NHWC, sequences NTC, volumes NDHWC. */
const DIM_NAMES: Record<number, string[]> = {
  3: ['batch', 'steps', 'features'],
  4: ['batch', 'height', 'width', 'channels'],
  5: ['batch', 'depth', 'height', 'width', 'channels'],
};

/**
 * ONNX dims for a graph input of tfjs `shape`: every unknown size stays symbolic (`dim_param`):
 * `batch`, then `height`/`width` (images), `steps` (sequences), `depth` (volumes), `d<i>`
 * otherwise. Inputs after the first suffix their non-batch names with `_<index>`, because ONNX
 * tools treat equal names as equal sizes and two inputs' heights need not agree.
 */
export function inputDims(shape: readonly (number | null)[], inputIndex = 0): DimDef[] {
  return shape.map((d, i) => {
    if (d !== null) return d;
    if (i === 0) return 'batch';
    const name = DIM_NAMES[shape.length]?.[i] ?? `d${i}`;
    return inputIndex === 0 ? name : `${name}_${inputIndex}`;
  });
}

/**
 * ONNX dims for a graph output: the batch stays `batch`; other unknown sizes are left unnamed
 * (an UpSampling2D output is 2·height, not height, and no name says that).
 */
export function outputDims(shape: readonly (number | null)[]): DimDef[] {
  return shape.map((d, i) => (d !== null ? d : i === 0 ? 'batch' : null));
}
