import { DataType, type GraphDef, type NodeDef, type TensorDef } from '../onnx-ir';
import { GraphEditor } from './graph-edit';
import { quantizeSymmetricPerChannel, quantizeSymmetricPerTensor } from './per-channel';

/**
 * 'per-channel' (default): one scale per output channel, so a channel of small weights keeps its
 * resolution next to one of large weights. 'per-tensor': one scale for the whole weight, kept to
 * measure what per-channel gains (bench:export).
 */
export type WeightScales = 'per-channel' | 'per-tensor';

/**
 * Which constant input of which op holds weights, and the output-channel axis to quantize along:
 * MatMul B is [in, out] (axis 1), Conv W is [out, in/group, kh, kw] (axis 0), an embedding table
 * feeding Gather is [vocab, dim] (axis 0, one scale per row). Conv weights of Conv1D/3D have
 * rank 3/5 with the output channels still first.
 */
const WEIGHT_SLOTS: Record<string, { input: number; ranks: number[]; axis: number }> = {
  MatMul: { input: 1, ranks: [2], axis: 1 },
  Conv: { input: 1, ranks: [3, 4, 5], axis: 0 },
  Gather: { input: 0, ranks: [2], axis: 0 },
};

/**
 * Weight-only int8: each weight initializer becomes int8 data + per-channel float scales + int8
 * zero points, dequantized by a DequantizeLinear node (opset ≥ 13 for `axis`) feeding the op.
 * Biases stay float32. Returns a new graph; the input graph is not modified.
 */
export function quantizeWeightsInt8(graph: GraphDef, scales: WeightScales = 'per-channel'): GraphDef {
  const edit = new GraphEditor(graph);
  const dequantized = new Map<string, string>();
  const replaced = new Set<string>();
  const newInitializers: TensorDef[] = [];
  const dqNodes: NodeDef[] = [];

  const dequantize = (weight: TensorDef, axis: number): string => {
    const cached = dequantized.get(weight.name);
    if (cached) return cached;
    const perTensor = scales === 'per-tensor';
    const { q, scales: s } = perTensor ? quantizeSymmetricPerTensor(weight.data as Float32Array) : quantizeSymmetricPerChannel(weight.data as Float32Array, weight.dims, axis);
    const qName = edit.uniqueName(`${weight.name}_quantized`);
    const sName = edit.uniqueName(`${weight.name}_scale`);
    const zName = edit.uniqueName(`${weight.name}_zero_point`);
    newInitializers.push(
      { name: qName, dataType: DataType.INT8, dims: weight.dims, data: q },
      { name: sName, dataType: DataType.FLOAT, dims: perTensor ? [] : [s.length], data: s },
      { name: zName, dataType: DataType.INT8, dims: perTensor ? [] : [s.length], data: new Int8Array(s.length) },
    );
    const out = edit.uniqueName(`${weight.name}_dequantized`);
    dqNodes.push({
      name: edit.uniqueName(`${weight.name}/DequantizeLinear`),
      opType: 'DequantizeLinear',
      inputs: [qName, sName, zName],
      outputs: [out],
      // A scalar scale takes no axis.
      attributes: perTensor ? {} : { axis: { type: 'int', value: axis } },
    });
    dequantized.set(weight.name, out);
    replaced.add(weight.name);
    return out;
  };

  const nodes = graph.nodes.map((node) => {
    const slot = WEIGHT_SLOTS[node.opType];
    if (!slot) return node;
    const weight = edit.initializers.get(node.inputs[slot.input]);
    if (!weight || weight.dataType !== DataType.FLOAT || !slot.ranks.includes(weight.dims.length)) return node;
    const inputs = [...node.inputs];
    inputs[slot.input] = dequantize(weight, slot.axis);
    return { ...node, inputs };
  });

  // A float weight still read by an op that was not quantized must stay.
  const stillRead = new Set(nodes.flatMap((n) => n.inputs));
  return {
    ...graph,
    // Dequantize nodes read only initializers, so they can lead the (topologically sorted) list.
    nodes: [...dqNodes, ...nodes],
    initializers: [...graph.initializers.filter((t) => !replaced.has(t.name) || stillRead.has(t.name)), ...newInitializers],
  };
}
