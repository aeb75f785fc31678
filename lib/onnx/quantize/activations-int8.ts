import { DataType, type GraphDef, type NodeDef, type TensorDef } from '../onnx-ir';
import { GraphEditor } from './graph-edit';
import { uint8Params } from './per-channel';

/** Observed range of one activation over the calibration sample. */
export interface ValueRange {
  min: number;
  max: number;
}

/** Ops whose data input and output are quantized in int8-static mode (their weights get int8 too). */
const QUANTIZED_OPS = new Set(['MatMul', 'Conv']);
/**
 * An activation right after a quantized op whose output is quantized instead of the op's: with a
 * zero point of 0 the QuantizeLinear already clamps at 0, and onnxruntime folds the Relu away.
 */
const FOLDED_ACTIVATIONS = new Set(['Relu']);

function consumersOf(graph: GraphDef): Map<string, NodeDef[]> {
  const map = new Map<string, NodeDef[]>();
  for (const n of graph.nodes) for (const i of n.inputs) map.set(i, [...(map.get(i) ?? []), n]);
  return map;
}

/**
 * The activations whose ranges a calibration must measure: the data input of every MatMul/Conv,
 * and the output of every Conv (or of the Relu right after it), which with the int32 bias makes
 * the DQ → Conv → Q group onnxruntime fuses into QLinearConv. A MatMul's output is left float:
 * the bias Add follows it, and DQ → MatMul alone already fuses (MatMulIntegerToFloat), so
 * quantizing it would only add rounding error (the next layer's input is quantized anyway).
 * Graph outputs stay float.
 */
export function activationTaps(graph: GraphDef): string[] {
  const edit = new GraphEditor(graph);
  const consumers = consumersOf(graph);
  const graphOutputs = new Set(graph.outputs.map((o) => o.name));
  const taps = new Set<string>();
  for (const n of graph.nodes) {
    if (!QUANTIZED_OPS.has(n.opType)) continue;
    if (edit.isActivation(n.inputs[0])) taps.add(n.inputs[0]);
    if (n.opType !== 'Conv') continue;
    let out = n.outputs[0];
    const next = consumers.get(out) ?? [];
    if (next.length === 1 && FOLDED_ACTIVATIONS.has(next[0].opType)) out = next[0].outputs[0];
    if (!graphOutputs.has(out)) taps.add(out);
  }
  return [...taps];
}

/**
 * Inserts QuantizeLinear → DequantizeLinear (uint8, asymmetric, per tensor, scales from the
 * calibrated ranges) after each tapped activation; every consumer then reads the dequantized
 * value. This is the QDQ layout onnxruntime's wasm backend fuses into QLinearConv/QLinearMatMul;
 * its WebGPU backend runs QuantizeLinear on the CPU.
 */
export function insertActivationQdq(graph: GraphDef, ranges: Map<string, ValueRange>, taps: string[] = activationTaps(graph)): GraphDef {
  const edit = new GraphEditor(graph);
  const initializers: TensorDef[] = [...graph.initializers];
  const dequantized = new Map<string, string>();
  const qdqNodes = new Map<string, NodeDef[]>();
  // Zero points repeat (0 after every Relu): one scalar per value. Names are short ("act3/…")
  // because in a model of ~100 KB, long derived names alone cost kilobytes.
  const zeroPoints = new Map<number, string>();
  taps.forEach((x, i) => {
    const range = ranges.get(x);
    if (!range) throw new Error(`int8-static: no calibration range for '${x}'`);
    const { scale, zeroPoint } = uint8Params(range.min, range.max);
    const base = `act${i}`;
    const s = edit.uniqueName(`${base}/scale`);
    initializers.push({ name: s, dataType: DataType.FLOAT, dims: [], data: Float32Array.of(scale) });
    let z = zeroPoints.get(zeroPoint);
    if (!z) {
      z = edit.uniqueName(`zero_point_u8_${zeroPoint}`);
      initializers.push({ name: z, dataType: DataType.UINT8, dims: [], data: Uint8Array.of(zeroPoint) });
      zeroPoints.set(zeroPoint, z);
    }
    const q = edit.uniqueName(`${base}/q`);
    const dq = edit.uniqueName(`${base}/dq`);
    qdqNodes.set(x, [
      { name: edit.uniqueName(`${base}/Q`), opType: 'QuantizeLinear', inputs: [x, s, z], outputs: [q], attributes: {} },
      { name: edit.uniqueName(`${base}/DQ`), opType: 'DequantizeLinear', inputs: [q, s, z], outputs: [dq], attributes: {} },
    ]);
    dequantized.set(x, dq);
  });
  const rewire = (n: NodeDef): NodeDef => ({ ...n, inputs: n.inputs.map((i) => dequantized.get(i) ?? i) });
  // Taps that are graph inputs are quantized first; the others right after their producer,
  // which keeps the node list topologically sorted.
  const nodes: NodeDef[] = graph.inputs.flatMap((v) => qdqNodes.get(v.name) ?? []);
  for (const n of graph.nodes) nodes.push(rewire(n), ...n.outputs.flatMap((o) => qdqNodes.get(o) ?? []));
  return { ...graph, nodes, initializers };
}
