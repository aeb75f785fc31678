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
  /** Prefix of node names: the tfjs layer name, after its enclosing models' and wrappers' names. */
  readonly scope: string;
  /** Where the layer sits, for messages: `model/block_2/conv`. */
  readonly path: string;
  readonly className: string;
  /** The tfjs layer object itself: wrappers read their inner layers from it, nested models their graph. */
  readonly layer: unknown;
  /** `layer.getConfig()`. */
  readonly config: Record<string, unknown>;
  /** The weight whose name ends in `/<suffix>` (kernel, bias, gamma…, or `query/kernel` where a layer has several kernels); throws if missing. */
  weight(suffix: string): Weight;
  optionalWeight(suffix: string): Weight | undefined;
  /** The value in tfjs axis order (inserts a Transpose or Flatten when needed). */
  toKeras(ref: TensorRef): TensorRef;
  /** A rank 3–5 value channels-first (NCW, NCHW, NCDHW; inserts a Transpose when needed). */
  toChannelsFirst(ref: TensorRef): TensorRef;
  /** Applies a tfjs activation by its config name ('relu', 'softmax'…), keeping the layout. */
  activation(name: unknown, ref: TensorRef): TensorRef;
  /** Converts one call of a wrapped tfjs layer (TimeDistributed's, Bidirectional's) with its own converter and weights. */
  convertSublayer(layer: unknown, inputs: TensorRef[], outputShapes: (number | null)[][]): TensorRef[];
  /** Converts a tfjs model used as a layer on `inputs` (one per model input); returns its outputs. */
  convertModel(model: unknown, inputs: TensorRef[]): TensorRef[];
  /** Throws an error naming this layer (by its path) and its class. */
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

/**
 * Thrown for a layer that cannot be exported; the message names the layer by its path in the
 * model (`model/block_2/lambda_1`) and its class, so a layer inside a nested model is findable.
 */
export class LayerExportError extends Error {
  constructor(
    readonly layerName: string,
    readonly className: string,
    message: string,
    readonly path: string = layerName,
  ) {
    super(`layer '${path}' (${className}): ${message}`);
    this.name = 'LayerExportError';
  }
}
