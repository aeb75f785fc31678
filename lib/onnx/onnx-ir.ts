/**
 * The subset of ONNX's ModelProto that Benchtop writes, as plain data. Converters and quantizers
 * build and rewrite these objects; `protobuf-writer.ts` turns them into bytes. Field meanings
 * follow onnx.proto (IR version 8, opset 17).
 */

/** TensorProto.DataType values used here. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  FLOAT16: 10,
} as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

/** Typed storage per data type; the writer emits it as little-endian raw_data. */
/** FLOAT16 data is a Uint16Array of IEEE half-precision bit patterns. */
export type TensorData = Float32Array | Int8Array | Uint8Array | Int32Array | BigInt64Array | Uint16Array;

/** An initializer or a constant attribute. */
export interface TensorDef {
  name: string;
  dataType: DataType;
  dims: number[];
  data: TensorData;
}

export type AttributeValue =
  | { type: 'float'; value: number }
  | { type: 'int'; value: number }
  | { type: 'string'; value: string }
  | { type: 'floats'; value: number[] }
  | { type: 'ints'; value: number[] }
  | { type: 'strings'; value: string[] }
  | { type: 'tensor'; value: TensorDef };

export interface NodeDef {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, AttributeValue>;
}

/** A dimension is a fixed size, a symbolic name such as the batch dimension 'batch', or null (unknown, unnamed). */
export type DimDef = number | string | null;

export interface ValueInfoDef {
  name: string;
  elemType: DataType;
  /** Omitted: rank and dims unknown (used for calibration taps on intermediate values). */
  shape?: DimDef[];
}

export interface GraphDef {
  name: string;
  nodes: NodeDef[];
  initializers: TensorDef[];
  inputs: ValueInfoDef[];
  outputs: ValueInfoDef[];
}

export interface ModelDef {
  irVersion: number;
  opset: number;
  producerName: string;
  producerVersion: string;
  docString?: string;
  graph: GraphDef;
  metadata: Record<string, string>;
}

/** Number of elements of a tensor with fixed dims. */
export function elementCount(dims: readonly number[]): number {
  return dims.reduce((n, d) => n * d, 1);
}
