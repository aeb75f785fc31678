/**
 * Which input a person can make for a model, decided from its first input's shape (as
 * onnxruntime reports it: numbers, or names for symbolic dims such as the batch 'batch').
 * Pure: no DOM, no onnxruntime; the inference page renders a widget per kind.
 */
export type Dim = number | string;

export type InputKind =
  /** MNIST-shaped: [N, 784] ('flat') or [N, 28, 28, 1] ('image'); draw a digit. */
  | { kind: 'digit'; layout: 'flat' | 'image' }
  /** [N, 2]: click a point on the plane. */
  | { kind: 'plane' }
  /** Anything else: a JSON tensor of `sampleDims` (one sample, batch 1 added). */
  | { kind: 'json'; sampleDims: Dim[] };

export interface InputSpec {
  name: string;
  /** onnxruntime's element type name ('float32', 'int32', …). */
  type: string;
  dims: readonly Dim[];
}

const same = (dims: readonly Dim[], expected: number[]) => dims.length === expected.length && expected.every((d, i) => dims[i] === d);

export function inputKindFor(spec: InputSpec): InputKind {
  const sample = spec.dims.slice(1);
  if (spec.type === 'float32') {
    if (same(sample, [784])) return { kind: 'digit', layout: 'flat' };
    if (same(sample, [28, 28, 1])) return { kind: 'digit', layout: 'image' };
    if (same(sample, [2])) return { kind: 'plane' };
  }
  return { kind: 'json', sampleDims: [...sample] };
}

/** Batch-1 dims for a sample of a digit or plane input. */
export function batchOneDims(kind: InputKind): number[] {
  switch (kind.kind) {
    case 'digit':
      return kind.layout === 'flat' ? [1, 784] : [1, 28, 28, 1];
    case 'plane':
      return [1, 2];
    case 'json':
      return [1, ...kind.sampleDims.map((d) => (typeof d === 'number' ? d : 1))];
    default: {
      const never: never = kind;
      throw new Error(`unknown input kind ${JSON.stringify(never)}`);
    }
  }
}
