import type * as tf from '@tensorflow/tfjs';

/**
 * Concrete input shapes for verifying a model whose inputs have unknown dims (`[null, null, null,
 * 3]` for a super-resolution net): from `--input-shape 1x64x64x3` (one per input, batch first,
 * the batch dim's value is ignored: --samples sets the count) or a small stated default. The ONNX
 * file keeps the dims symbolic; only the verification needs numbers.
 */

/** What an unknown non-batch dim becomes when no --input-shape says otherwise. */
export const DEFAULT_UNKNOWN_DIM = 64;

/** `[null, 224, 3]` → `[?, 224, 3]`: unknown dims read as `?`, not as blanks. */
export function formatDims(dims: readonly (number | null | undefined)[]): string {
  return `[${dims.map((d) => (d === null || d === undefined ? '?' : String(d))).join(', ')}]`;
}

/** `1x64x64x3` → [1, 64, 64, 3]; null with the reason when it is not positive integers joined by x. */
export function parseInputShape(text: string): number[] | string {
  const parts = text.split('x');
  const dims = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (dims.some((d) => !Number.isInteger(d) || d < 1)) return `--input-shape must be positive integers joined by 'x' (e.g. 1x64x64x3), got '${text}'`;
  return dims;
}

/** Per model input, the per-sample shape (batch dropped) to verify on, and notes on any default used. */
export function resolveInputShapes(model: tf.LayersModel, given: number[][]): { shapes: number[][]; notes: string[] } {
  if (given.length > 0 && given.length !== model.inputs.length) {
    throw new Error(`--input-shape was given ${given.length} time(s); the model has ${model.inputs.length} input(s) (${model.inputs.map((i) => `'${i.name}' ${formatDims(i.shape)}`).join(', ')}): give one per input, in that order`);
  }
  const notes: string[] = [];
  const shapes = model.inputs.map((input, i) => {
    const declared = input.shape;
    const wanted = given[i];
    if (wanted) {
      if (wanted.length !== declared.length) throw new Error(`--input-shape ${wanted.join('x')} has ${wanted.length} dims; input '${input.name}' ${formatDims(declared)} has ${declared.length} (batch first)`);
      declared.forEach((d, k) => {
        if (k > 0 && d !== null && d !== wanted[k]) throw new Error(`--input-shape ${wanted.join('x')}: dim ${k} is ${wanted[k]}, but input '${input.name}' ${formatDims(declared)} fixes it at ${d}`);
      });
      return wanted.slice(1);
    }
    const sample = declared.slice(1).map((d) => d ?? DEFAULT_UNKNOWN_DIM);
    if (declared.slice(1).some((d) => d === null)) {
      notes.push(`input '${input.name}' has unknown dims ${formatDims(declared)}: verified at ${formatDims([null, ...sample])} (default ${DEFAULT_UNKNOWN_DIM}; choose with --input-shape ${['1', ...sample].join('x')}); the ONNX file keeps them symbolic`);
    }
    return sample;
  });
  return { shapes, notes };
}
