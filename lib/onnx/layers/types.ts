import type { GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../tensor-ref';

/** A weight of a tfjs layer, read once before conversion. */
export interface Weight {
  shape: number[];
  data: Float32Array;
}

/** Everything a converter may use while turning one call of a tfjs layer into ONNX nodes. */
export interface ConvertContext {
  readonly graph: GraphBuilder;
  /** The tfjs layer name; node names are prefixed with it. */
  readonly scope: string;
  readonly className: string;
  /** `layer.getConfig()`. */
  readonly config: Record<string, unknown>;
  /** The weight whose name ends in `/<suffix>` (kernel, bias, gamma…); throws if missing. */
  weight(suffix: string): Weight;
  optionalWeight(suffix: string): Weight | undefined;
  /** The value in tfjs axis order (inserts a Transpose or Flatten when needed). */
  toKeras(ref: TensorRef): TensorRef;
  /** A rank-4 value in NCHW order (inserts a Transpose when needed). */
  toNchw(ref: TensorRef): TensorRef;
  /** Applies a tfjs activation by its config name ('relu', 'softmax'…), keeping the layout. */
  activation(name: unknown, ref: TensorRef): TensorRef;
  /** Throws an error naming this layer and its class. */
  fail(message: string): never;
}

/** Converts one tfjs layer class. Registered in `layers/index.ts`. */
export interface LayerConverter {
  /** `layer.getClassName()`, e.g. 'Conv2D'. */
  readonly className: string;
  /**
   * @param inputs one value per input tensor of the layer call
   * @param outputShapes tfjs shapes of the call's outputs (batch first, null = unknown)
   * @returns one value per output tensor
   */
  convert(inputs: TensorRef[], ctx: ConvertContext, outputShapes: (number | null)[][]): TensorRef[];
}

/** Thrown for a layer that cannot be exported; the message names the layer and its class. */
export class LayerExportError extends Error {
  constructor(
    readonly layerName: string,
    readonly className: string,
    message: string,
  ) {
    super(`layer '${layerName}' (${className}): ${message}`);
    this.name = 'LayerExportError';
  }
}
