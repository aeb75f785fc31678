import { DataType, type GraphDef, type NodeDef, type TensorDef } from '../onnx-ir';
import { GraphEditor } from './graph-edit';

const INT32_MAX = 2 ** 31 - 1;

/**
 * int8-static, last step: a Conv whose data input and weight both come from DequantizeLinear
 * gets its float bias as int32 with scale input_scale × weight_scale[c] and zero point 0, the
 * form onnxruntime needs to fuse the group into one QLinearConv. Other Convs are left alone.
 */
export function quantizeConvBiasInt32(graph: GraphDef): GraphDef {
  const edit = new GraphEditor(graph);
  const producer = new Map(graph.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  const dequantizedFrom = (value: string): NodeDef | undefined => {
    const p = producer.get(value);
    return p?.opType === 'DequantizeLinear' ? p : undefined;
  };
  const added: TensorDef[] = [];
  const biasNodes: NodeDef[] = [];
  const replaced = new Set<string>();
  const nodes = graph.nodes.map((node) => {
    if (node.opType !== 'Conv' || node.inputs.length < 3) return node;
    const dqX = dequantizedFrom(node.inputs[0]);
    const dqW = dequantizedFrom(node.inputs[1]);
    const bias = edit.initializers.get(node.inputs[2]);
    if (!dqX || !dqW || !bias || bias.dataType !== DataType.FLOAT) return node;
    const xScale = edit.initializers.get(dqX.inputs[1])?.data as Float32Array | undefined;
    const wScales = edit.initializers.get(dqW.inputs[1])?.data as Float32Array | undefined;
    if (!xScale || xScale.length !== 1 || !wScales || wScales.length !== bias.data.length) return node;
    const scales = Float32Array.from(wScales, (w) => xScale[0] * w);
    const q = Int32Array.from(bias.data as Float32Array, (b, c) => Math.max(-INT32_MAX, Math.min(INT32_MAX, Math.round(b / scales[c]))));
    const qName = edit.uniqueName(`${bias.name}_quantized`);
    const sName = edit.uniqueName(`${bias.name}_scale`);
    // No zero-point input: it is optional and 0 by default, and the bias is symmetric.
    added.push({ name: qName, dataType: DataType.INT32, dims: bias.dims, data: q }, { name: sName, dataType: DataType.FLOAT, dims: [scales.length], data: scales });
    const out = edit.uniqueName(`${bias.name}_dequantized`);
    biasNodes.push({ name: edit.uniqueName(`${bias.name}/DequantizeLinear`), opType: 'DequantizeLinear', inputs: [qName, sName], outputs: [out], attributes: { axis: { type: 'int', value: 0 } } });
    replaced.add(bias.name);
    return { ...node, inputs: [node.inputs[0], node.inputs[1], out] };
  });
  const stillRead = new Set(nodes.flatMap((n) => n.inputs));
  return {
    ...graph,
    nodes: [...biasNodes, ...nodes],
    initializers: [...graph.initializers.filter((t) => !replaced.has(t.name) || stillRead.has(t.name)), ...added],
  };
}
