import { DataType, type AttributeValue, type GraphDef, type NodeDef, type TensorDef } from '../onnx-ir';
import { GraphEditor } from './graph-edit';
import { toHalfArray } from './half';

/**
 * fp16 export: every float weight and activation in half precision (half the file, and the
 * WebGPU execution provider computes in f16 where the GPU has shader-f16), with Cast nodes at the
 * graph's float inputs and outputs so callers still feed and read float32. onnxruntime's CPU/wasm
 * backend runs it too: for ops it has no fp16 kernel for it inserts casts itself.
 */

/** Inputs the ONNX spec types as float32 whatever the data type (Resize's `scales`). */
const FLOAT32_ONLY: Record<string, number[]> = { Resize: [2] };

function toHalf(t: TensorDef): TensorDef {
  return { ...t, dataType: DataType.FLOAT16, data: toHalfArray(t.data as Float32Array) };
}

function halfAttributes(node: NodeDef): NodeDef {
  const attributes: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(node.attributes)) {
    if (v.type === 'tensor' && v.value.dataType === DataType.FLOAT) attributes[k] = { type: 'tensor', value: toHalf(v.value) };
    else if (node.opType === 'Cast' && k === 'to' && v.type === 'int' && v.value === DataType.FLOAT) attributes[k] = { type: 'int', value: DataType.FLOAT16 };
    else attributes[k] = v;
  }
  return { ...node, attributes };
}

export function toFloat16Graph(graph: GraphDef): GraphDef {
  const edit = new GraphEditor(graph);
  const keepFloat = new Set(graph.nodes.flatMap((n) => (FLOAT32_ONLY[n.opType] ?? []).map((i) => n.inputs[i]).filter(Boolean)));
  const renamed = new Map<string, string>();
  const inputCasts: NodeDef[] = [];
  for (const input of graph.inputs) {
    if (input.elemType !== DataType.FLOAT) continue;
    const half = edit.uniqueName(`${input.name}_fp16`);
    renamed.set(input.name, half);
    inputCasts.push({ name: edit.uniqueName(`${input.name}/CastToFp16`), opType: 'Cast', inputs: [input.name], outputs: [half], attributes: { to: { type: 'int', value: DataType.FLOAT16 } } });
  }
  const inputNames = new Set(graph.inputs.map((i) => i.name));
  const outputCasts: NodeDef[] = [];
  for (const output of graph.outputs) {
    if (output.elemType !== DataType.FLOAT || inputNames.has(output.name)) continue;
    const half = edit.uniqueName(`${output.name}_fp16`);
    renamed.set(output.name, half);
    outputCasts.push({ name: edit.uniqueName(`${output.name}/CastToFp32`), opType: 'Cast', inputs: [half], outputs: [output.name], attributes: { to: { type: 'int', value: DataType.FLOAT } } });
  }
  const rename = (name: string) => renamed.get(name) ?? name;
  const nodes = graph.nodes.map((n) => halfAttributes({ ...n, inputs: n.inputs.map(rename), outputs: n.outputs.map(rename) }));
  return {
    ...graph,
    nodes: [...inputCasts, ...nodes, ...outputCasts],
    initializers: graph.initializers.map((t) => (t.dataType === DataType.FLOAT && !keepFloat.has(t.name) ? toHalf(t) : t)),
  };
}
