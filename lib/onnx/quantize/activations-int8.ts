import { DataType, type GraphDef, type NodeDef } from '../onnx-ir';
import { GraphEditor } from './graph-edit';
import { uint8Params } from './per-channel';

/** Observed range of one activation over the calibration sample. */
export interface ValueRange {
  min: number;
  max: number;
}

/** Ops whose data input is quantized in int8-static mode (their weights get int8 too). */
const QUANTIZED_OPS = new Set(['MatMul', 'Conv']);

/** The activation values whose ranges a calibration must measure: data inputs of MatMul/Conv. */
export function activationTaps(graph: GraphDef): string[] {
  const edit = new GraphEditor(graph);
  const taps = new Set<string>();
  for (const n of graph.nodes) if (QUANTIZED_OPS.has(n.opType) && edit.isActivation(n.inputs[0])) taps.add(n.inputs[0]);
  return [...taps];
}

/**
 * Inserts QuantizeLinear → DequantizeLinear (uint8, asymmetric, per tensor) on the data input of
 * every MatMul/Conv, with scales from calibrated ranges. onnxruntime's wasm backend fuses these
 * into QLinear ops; its WebGPU backend runs QuantizeLinear on the CPU.
 */
export function insertActivationQdq(graph: GraphDef, ranges: Map<string, ValueRange>): GraphDef {
  const edit = new GraphEditor(graph);
  const qdqOf = new Map<string, string>();
  const initializers = [...graph.initializers];
  const nodes: NodeDef[] = [];
  for (const node of graph.nodes) {
    const x = node.inputs[0];
    if (!QUANTIZED_OPS.has(node.opType) || !edit.isActivation(x)) {
      nodes.push(node);
      continue;
    }
    let dq = qdqOf.get(x);
    if (!dq) {
      const range = ranges.get(x);
      if (!range) throw new Error(`int8-static: no calibration range for '${x}'`);
      const { scale, zeroPoint } = uint8Params(range.min, range.max);
      const s = edit.uniqueName(`${x}_scale`);
      const z = edit.uniqueName(`${x}_zero_point`);
      initializers.push(
        { name: s, dataType: DataType.FLOAT, dims: [], data: Float32Array.of(scale) },
        { name: z, dataType: DataType.UINT8, dims: [], data: Uint8Array.of(zeroPoint) },
      );
      const q = edit.uniqueName(`${x}_quantized`);
      dq = edit.uniqueName(`${x}_dequantized`);
      nodes.push(
        { name: edit.uniqueName(`${x}/QuantizeLinear`), opType: 'QuantizeLinear', inputs: [x, s, z], outputs: [q], attributes: {} },
        { name: edit.uniqueName(`${x}/DequantizeLinear`), opType: 'DequantizeLinear', inputs: [q, s, z], outputs: [dq], attributes: {} },
      );
      qdqOf.set(x, dq);
    }
    nodes.push({ ...node, inputs: [dq, ...node.inputs.slice(1)] });
  }
  return { ...graph, nodes, initializers };
}
