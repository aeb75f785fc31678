import type { GraphBuilder } from './graph-builder';
import { attr } from './graph-builder';
import { formatShape } from './shape-text';

/**
 * How an ONNX value's axes relate to the tfjs tensor it stands for. tfjs is channels-last;
 * ONNX Conv/Pool are channels-first. Spatial ops keep values NCHW, and a value goes back to the
 * tfjs order only where a consumer needs it (DESIGN.md "ONNX export facts").
 */
export type Layout =
  /** Same axis order as the tfjs tensor. */
  | { kind: 'keras' }
  /**
   * A channels-last tfjs tensor of rank 3–5 (NWC, NHWC, NDHWC) stored channels-first (NCW, NCHW,
   * NCDHW), as ONNX Conv/Pool/Resize want it. The name says NCHW, the common case.
   */
  | { kind: 'nchw' }
  /**
   * `Flatten` of an NCHW value: features ordered (c, h, w) instead of tfjs's (h, w, c). A Dense
   * consuming it permutes its kernel rows instead of transposing the activations.
   */
  | { kind: 'flat-nchw'; chw: [number, number, number] };

export type TensorDtype = 'float32' | 'int32';

/** An ONNX value standing for one tfjs SymbolicTensor. */
export interface TensorRef {
  name: string;
  /** tfjs (channels-last) shape, batch first; null = unknown. */
  shape: (number | null)[];
  dtype: TensorDtype;
  layout: Layout;
  /**
   * A Keras mask travels with this value (from Masking, or Embedding with mask_zero). Layers that
   * only pass a mask on ignore it; RNNs, which skip masked steps anywhere in a sequence, refuse it.
   */
  masked?: boolean;
}

/** Transpose perm from channels-last to channels-first: [0, r-1, 1, …, r-2] ([0, 3, 1, 2] at rank 4). */
export function toChannelsFirstPerm(rank: number): number[] {
  return [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
}

/** Transpose perm from channels-first back to channels-last: [0, 2, …, r-1, 1] ([0, 2, 3, 1] at rank 4). */
export function toChannelsLastPerm(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

/** Maps a tfjs axis of a channels-last tensor of `rank` to its position channels-first. */
export function nchwAxis(kerasAxis: number, rank: number): number {
  const a = kerasAxis < 0 ? kerasAxis + rank : kerasAxis;
  if (a === 0) return 0;
  return a === rank - 1 ? 1 : a + 1;
}

/** Two values can meet in an elementwise op without reordering when their layouts agree. */
export function sameLayout(a: Layout, b: Layout): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'flat-nchw' && b.kind === 'flat-nchw') return a.chw.every((d, i) => d === b.chw[i]);
  return true;
}

/**
 * Puts values into the layout a converter needs, emitting each Transpose at most once per value
 * (several consumers of one NCHW value share the transposed copy).
 */
export class LayoutRouter {
  private readonly kerasCache = new Map<string, TensorRef>();
  private readonly nchwCache = new Map<string, TensorRef>();

  constructor(private readonly graph: GraphBuilder) {}

  toKeras(ref: TensorRef, scope: string): TensorRef {
    if (ref.layout.kind === 'keras') return ref;
    const cached = this.kerasCache.get(ref.name);
    if (cached) return cached;
    let name: string;
    if (ref.layout.kind === 'nchw') {
      name = this.graph.op('Transpose', [ref.name], { perm: attr.ints(toChannelsLastPerm(ref.shape.length)) }, scope);
    } else {
      // Back to (c, h, w) maps, into tfjs order, flattened again. Elementwise ops may have run
      // on the flat value since its Flatten, so it is unfolded from itself, not from its source.
      const maps = this.graph.op('Reshape', [ref.name, this.graph.int64Const(`${scope}/unflatten`, [-1, ...ref.layout.chw])], {}, scope);
      const nhwc = this.graph.op('Transpose', [maps], { perm: attr.ints(toChannelsLastPerm(4)) }, scope);
      name = this.graph.op('Flatten', [nhwc], { axis: attr.int(1) }, scope);
    }
    const out: TensorRef = { ...ref, name, layout: { kind: 'keras' } };
    this.kerasCache.set(ref.name, out);
    return out;
  }

  /** The value channels-first (rank 3–5: NCW, NCHW, NCDHW). */
  toChannelsFirst(ref: TensorRef, scope: string): TensorRef {
    const rank = ref.shape.length;
    if (rank < 3 || rank > 5) throw new Error(`${scope}: expected an input of rank 3 to 5, got shape ${formatShape(ref.shape)}`);
    if (ref.layout.kind === 'nchw') return ref;
    const keras = this.toKeras(ref, scope);
    const cached = this.nchwCache.get(keras.name);
    if (cached) return cached;
    const name = this.graph.op('Transpose', [keras.name], { perm: attr.ints(toChannelsFirstPerm(rank)) }, scope);
    const out: TensorRef = { ...ref, name, layout: { kind: 'nchw' } };
    this.nchwCache.set(keras.name, out);
    return out;
  }
}
