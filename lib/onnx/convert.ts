import type * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from './graph-builder';
import { DataType, type DimDef, type GraphDef } from './onnx-ir';
import { LayoutRouter, type TensorDtype, type TensorRef } from './tensor-ref';
import { emitActivation, isSupportedActivation, SUPPORTED_ACTIVATIONS } from './layers/activations';
import { converterFor, SUPPORTED_LAYER_CLASSES } from './layers';
import { LayerExportError, type ConvertContext, type Weight } from './layers/types';

/**
 * Walks a tfjs LayersModel (sequential or functional) from its outputs back to its inputs and
 * converts every layer call, in topological order, into ONNX nodes. Only public-shaped fields of
 * tfjs's topology are read (declared structurally below).
 */
interface SymbolicLike {
  id: number;
  shape: (number | null)[];
  dtype: string;
  sourceLayer: LayerLike;
  nodeIndex: number;
}
interface NodeLike {
  inputTensors: SymbolicLike[];
  outputTensors: SymbolicLike[];
}
interface VariableLike {
  name: string;
  shape: number[];
  read(): tf.Tensor;
}
interface LayerLike {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  inboundNodes: NodeLike[];
  weights: VariableLike[];
}
interface ModelLike {
  name: string;
  inputs: SymbolicLike[];
  outputs: SymbolicLike[];
}

type LayerCall = { layer: LayerLike; node: NodeLike };

function topologicalCalls(model: ModelLike): LayerCall[] {
  const inputIds = new Set(model.inputs.map((t) => t.id));
  const visited = new Set<NodeLike>();
  const order: LayerCall[] = [];
  const visitTensor = (t: SymbolicLike): void => {
    if (inputIds.has(t.id)) return;
    const layer = t.sourceLayer;
    const node = layer.inboundNodes[t.nodeIndex];
    if (!node) throw new Error(`tensor ${t.id} of layer '${layer.name}' has no producing call`);
    if (visited.has(node)) return;
    visited.add(node);
    node.inputTensors.forEach(visitTensor);
    order.push({ layer, node });
  };
  model.outputs.forEach(visitTensor);
  return order;
}

function tensorDtype(dtype: string, where: string): TensorDtype {
  if (dtype === 'float32' || dtype === 'int32') return dtype;
  throw new Error(`${where}: dtype '${dtype}' is not supported (float32 or int32)`);
}

export function elemType(dtype: TensorDtype): DataType {
  return dtype === 'float32' ? DataType.FLOAT : DataType.INT32;
}

/** ONNX dims for a tfjs shape: batch becomes the symbolic 'N', other unknowns 'd<i>'. */
export function onnxDims(shape: (number | null)[]): DimDef[] {
  return shape.map((d, i) => (d === null ? (i === 0 ? 'N' : `d${i}`) : d));
}

async function readWeights(calls: LayerCall[]): Promise<Map<LayerLike, Map<string, Weight>>> {
  const out = new Map<LayerLike, Map<string, Weight>>();
  for (const { layer } of calls) {
    if (out.has(layer)) continue;
    const byName = new Map<string, Weight>();
    for (const v of layer.weights) {
      const suffix = v.name.slice(v.name.lastIndexOf('/') + 1).replace(/_\d+$/, '');
      byName.set(suffix, { shape: [...v.shape], data: Float32Array.from(await v.read().data()) });
    }
    out.set(layer, byName);
  }
  return out;
}

/** Fails before any work when a layer class (or activation) has no converter. */
function checkSupported(calls: LayerCall[]): void {
  for (const { layer } of calls) {
    const className = layer.getClassName();
    if (!converterFor(className)) {
      throw new LayerExportError(layer.name, className, `no ONNX converter for this layer class. Supported classes: ${SUPPORTED_LAYER_CLASSES.join(', ')}`);
    }
    const activation = layer.getConfig().activation;
    if (typeof activation === 'string' && !isSupportedActivation(activation)) {
      throw new LayerExportError(layer.name, className, `activation '${activation}' has no ONNX form. Supported activations: ${SUPPORTED_ACTIVATIONS.join(', ')}`);
    }
  }
}

export async function convertLayersModel(tfModel: tf.LayersModel): Promise<GraphDef> {
  const model = tfModel as unknown as ModelLike;
  const calls = topologicalCalls(model);
  checkSupported(calls);
  const weights = await readWeights(calls);
  const graph = new GraphBuilder(model.name);
  const router = new LayoutRouter(graph);
  const refs = new Map<number, TensorRef>();

  model.inputs.forEach((t, i) => {
    // The InputLayer's name ('features', or 'dense_Dense1_input' in a Sequential) names the input.
    const dtype = tensorDtype(t.dtype, `input ${t.sourceLayer.name}`);
    const name = graph.addInput(t.sourceLayer.name || `input_${i}`, elemType(dtype), onnxDims(t.shape));
    refs.set(t.id, { name, shape: [...t.shape], dtype, layout: { kind: 'keras' } });
  });

  for (const { layer, node } of calls) {
    const className = layer.getClassName();
    const converter = converterFor(className)!;
    const layerWeights = weights.get(layer)!;
    const fail = (message: string): never => {
      throw new LayerExportError(layer.name, className, message);
    };
    const ctx: ConvertContext = {
      graph,
      scope: layer.name,
      className,
      config: layer.getConfig(),
      weight: (suffix) => layerWeights.get(suffix) ?? fail(`weight '${suffix}' not found (has: ${[...layerWeights.keys()].join(', ') || 'none'})`),
      optionalWeight: (suffix) => layerWeights.get(suffix),
      toKeras: (ref) => router.toKeras(ref, layer.name),
      toNchw: (ref) => router.toNchw(ref, layer.name),
      activation: (name, ref) => {
        if (name === undefined || name === null) return ref;
        if (typeof name !== 'string') return fail(`activation ${JSON.stringify(name)} is not a name`);
        return emitActivation(graph, name, ref, layer.name);
      },
      fail,
    };
    const inputs = node.inputTensors.map((t) => refs.get(t.id) ?? fail(`input tensor ${t.id} was not converted`));
    const outputs = converter.convert(inputs, ctx, node.outputTensors.map((t) => [...t.shape]));
    if (outputs.length !== node.outputTensors.length) fail(`converter produced ${outputs.length} outputs, tfjs has ${node.outputTensors.length}`);
    node.outputTensors.forEach((t, i) => refs.set(t.id, { ...outputs[i], shape: [...t.shape] }));
  }

  model.outputs.forEach((t, i) => {
    const ref = router.toKeras(refs.get(t.id)!, 'output');
    // Outputs are named after the layer producing them, as tfjs's outputNames are.
    graph.addOutput(ref.name, t.sourceLayer.name || `output_${i}`, elemType(ref.dtype), onnxDims(t.shape));
  });
  return graph.build();
}
