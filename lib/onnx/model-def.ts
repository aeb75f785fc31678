import { ONNX_IR_VERSION, ONNX_OPSET, type GraphDef, type ModelDef } from './onnx-ir';

export const PRODUCER_NAME = 'benchtop';
export const PRODUCER_VERSION = '0.1.0';

/** Wraps a graph into a model: IR 8, default-domain opset 17, producer 'benchtop', metadata_props. */
export function modelDef(graph: GraphDef, metadata: Record<string, string> = {}): ModelDef {
  return {
    irVersion: ONNX_IR_VERSION,
    opset: ONNX_OPSET,
    producerName: PRODUCER_NAME,
    producerVersion: PRODUCER_VERSION,
    graph,
    metadata,
  };
}
