import type { GraphBuilder } from './graph-builder';
import { attr } from './graph-builder';

/**
 * How an ONNX value's axes relate to the tfjs tensor it stands for. tfjs is channels-last;
 * ONNX Conv/Pool are channels-first. Spatial ops keep values NCHW, and a value goes back to the
 * tfjs order only where a consumer needs it (DESIGN.md "ONNX export facts").
 */
export type Layout =
  /** Same axis order as the tfjs tensor. */
  | { kind: 'keras' }
  /** A rank-4 tfjs NHWC tensor stored as NCHW. */
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
}

export const NHWC_TO_NCHW = [0, 3, 1, 2];
export const NCHW_TO_NHWC = [0, 2, 3, 1];

/** Maps a tfjs axis of a rank-4 NHWC tensor to its position in NCHW. */
export function nchwAxis(kerasAxis: number): number {
  const a = kerasAxis < 0 ? kerasAxis + 4 : kerasAxis;
  return [0, 2, 3, 1][a];
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
      name = this.graph.op('Transpose', [ref.name], { perm: attr.ints(NCHW_TO_NHWC) }, scope);
    } else {
      // Back to (c, h, w) maps, into tfjs order, flattened again. Elementwise ops may have run
      // on the flat value since its Flatten, so it is unfolded from itself, not from its source.
      const maps = this.graph.op('Reshape', [ref.name, this.graph.int64Const(`${scope}/unflatten`, [-1, ...ref.layout.chw])], {}, scope);
      const nhwc = this.graph.op('Transpose', [maps], { perm: attr.ints(NCHW_TO_NHWC) }, scope);
      name = this.graph.op('Flatten', [nhwc], { axis: attr.int(1) }, scope);
    }
    const out: TensorRef = { ...ref, name, layout: { kind: 'keras' } };
    this.kerasCache.set(ref.name, out);
    return out;
  }

  toNchw(ref: TensorRef, scope: string): TensorRef {
    if (ref.shape.length !== 4) throw new Error(`${scope}: expected a rank-4 input, got shape [${ref.shape.join(', ')}]`);
    if (ref.layout.kind === 'nchw') return ref;
    const keras = this.toKeras(ref, scope);
    const cached = this.nchwCache.get(keras.name);
    if (cached) return cached;
    const name = this.graph.op('Transpose', [keras.name], { perm: attr.ints(NHWC_TO_NCHW) }, scope);
    const out: TensorRef = { ...ref, name, layout: { kind: 'nchw' } };
    this.nchwCache.set(keras.name, out);
    return out;
  }
}
