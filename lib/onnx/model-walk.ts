import type * as tf from '@tensorflow/tfjs';
import type { Weight } from './layers/types';

/**
 * The parts of tfjs's Layers topology the exporter reads, declared structurally (public-shaped
 * fields only), and the walk from a model's outputs back to its inputs.
 */
export interface SymbolicLike {
  id: number;
  shape: (number | null)[];
  dtype: string;
  sourceLayer: LayerLike;
  nodeIndex: number;
}
export interface NodeLike {
  inputTensors: SymbolicLike[];
  outputTensors: SymbolicLike[];
}
export interface VariableLike {
  name: string;
  shape: number[];
  read(): tf.Tensor;
}
export interface LayerLike {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  inboundNodes: NodeLike[];
  weights: VariableLike[];
}
export interface ModelLike extends LayerLike {
  inputs: SymbolicLike[];
  outputs: SymbolicLike[];
}

export type LayerCall = { layer: LayerLike; node: NodeLike };

/** Layer calls of `model` in topological order, from its inputs to its outputs. */
export function topologicalCalls(model: ModelLike): LayerCall[] {
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

/** A layer that is itself a model (a Sequential or functional model used as a layer). */
export function asModel(layer: LayerLike): ModelLike | null {
  const m = layer as Partial<ModelLike>;
  return Array.isArray(m.inputs) && Array.isArray(m.outputs) && ['Sequential', 'Model', 'Functional'].includes(layer.getClassName()) ? (layer as ModelLike) : null;
}

/** Layers a wrapper holds: TimeDistributed's `layer`, Bidirectional's forward and backward layers. */
export function wrappedLayers(layer: LayerLike): LayerLike[] {
  const w = layer as LayerLike & { layer?: LayerLike; forwardLayer?: LayerLike; backwardLayer?: LayerLike };
  return [w.layer, w.forwardLayer, w.backwardLayer].filter((l): l is LayerLike => l !== undefined && typeof l?.getClassName === 'function');
}

/** The short name a converter asks for: 'dense/kernel_1' → 'kernel'. */
export function weightSuffix(variableName: string): string {
  return variableName.slice(variableName.lastIndexOf('/') + 1).replace(/_\d+$/, '');
}

/**
 * Whether a variable is the weight `suffix` of its layer: its last path part (`kernel`), or its
 * last parts when `suffix` has several (`query/kernel`: a layer with several kernels).
 */
export function isWeight(variableName: string, suffix: string): boolean {
  return suffix.includes('/') ? variableName.replace(/_\d+$/, '').endsWith(`/${suffix}`) : weightSuffix(variableName) === suffix;
}

/**
 * Every variable of the model (nested models and wrapped layers included) read once, keyed by
 * the variable object: a Bidirectional's forward and backward layers both own a 'kernel', so
 * weights are looked up through the layer that owns them, never by name alone.
 */
export async function readAllWeights(model: { weights: VariableLike[] }): Promise<Map<VariableLike, Weight>> {
  const out = new Map<VariableLike, Weight>();
  for (const v of model.weights) {
    if (out.has(v)) continue;
    out.set(v, { shape: [...v.shape], data: Float32Array.from(await v.read().data()) });
  }
  return out;
}
