import type * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from './graph-builder';
import { DataType, type GraphDef } from './onnx-ir';
import { LayoutRouter, type TensorDtype, type TensorRef } from './tensor-ref';
import { emitActivation, isSupportedActivation, SUPPORTED_ACTIVATIONS } from './layers/activations';
import { converterFor, SUPPORTED_LAYER_CLASSES } from './layers';
import { LayerExportError, type ConvertContext, type Weight } from './layers/types';
import { asModel, readAllWeights, isWeight, topologicalCalls, weightSuffix, wrappedLayers, type LayerLike, type ModelLike, type VariableLike } from './model-walk';
import { inputDims, outputDims } from './shape-text';

/**
 * Walks a tfjs LayersModel (sequential or functional, models nested as layers included) from its
 * outputs back to its inputs and converts every layer call, in topological order, into ONNX
 * nodes through the converter registered for its class (layers/index.ts).
 */
interface WalkEnv {
  graph: GraphBuilder;
  router: LayoutRouter;
  weights: Map<VariableLike, Weight>;
}

/** Where a layer sits: `path` names it in errors (model/block_2/conv), `scope` prefixes its node names. */
interface Place {
  path: string;
  scope: string;
}

function tensorDtype(dtype: string, where: string): TensorDtype {
  if (dtype === 'float32' || dtype === 'int32') return dtype;
  throw new Error(`${where}: dtype '${dtype}' is not supported (float32 or int32)`);
}

export function elemType(dtype: TensorDtype): DataType {
  return dtype === 'float32' ? DataType.FLOAT : DataType.INT32;
}

/** Fails before any work when a layer class (or activation) anywhere in the model has no converter. */
function checkLayer(layer: LayerLike, path: string): void {
  const className = layer.getClassName();
  if (!converterFor(className)) {
    throw new LayerExportError(layer.name, className, `no ONNX converter for this layer class. Supported classes: ${SUPPORTED_LAYER_CLASSES.join(', ')}`, path);
  }
  const activation = layer.getConfig().activation;
  if (typeof activation === 'string' && !isSupportedActivation(activation)) {
    throw new LayerExportError(layer.name, className, `activation '${activation}' has no ONNX form. Supported activations: ${SUPPORTED_ACTIVATIONS.join(', ')}`, path);
  }
  const inner = asModel(layer);
  if (inner) checkModel(inner, path);
  for (const w of wrappedLayers(layer)) checkLayer(w, `${path}/${w.name}`);
}

function checkModel(model: ModelLike, path: string): void {
  for (const { layer } of topologicalCalls(model)) checkLayer(layer, `${path}/${layer.name}`);
}

/** Converts one call of `layer` on `inputs`; `outputShapes` are tfjs's shapes for its outputs. */
function convertLayer(env: WalkEnv, layer: LayerLike, place: Place, inputs: TensorRef[], outputShapes: (number | null)[][]): TensorRef[] {
  const className = layer.getClassName();
  const fail = (message: string): never => {
    throw new LayerExportError(layer.name, className, message, place.path);
  };
  const converter = converterFor(className) ?? fail('no ONNX converter for this layer class');
  const byVariable = (suffix: string): Weight | undefined => {
    const v = layer.weights.find((w) => isWeight(w.name, suffix));
    return v ? env.weights.get(v) : undefined;
  };
  const ctx: ConvertContext = {
    graph: env.graph,
    scope: place.scope,
    path: place.path,
    className,
    layer,
    config: layer.getConfig(),
    weight: (suffix) => byVariable(suffix) ?? fail(`weight '${suffix}' not found (has: ${layer.weights.map((w) => weightSuffix(w.name)).join(', ') || 'none'})`),
    optionalWeight: byVariable,
    toKeras: (ref) => env.router.toKeras(ref, place.scope),
    toChannelsFirst: (ref) => env.router.toChannelsFirst(ref, place.scope),
    activation: (name, ref) => {
      if (name === undefined || name === null) return ref;
      if (typeof name !== 'string') return fail(`activation ${JSON.stringify(name)} is not a name`);
      return emitActivation(env.graph, name, ref, place.scope);
    },
    convertSublayer: (inner, xs, shapes) => {
      const l = inner as LayerLike;
      return convertLayer(env, l, { path: `${place.path}/${l.name}`, scope: `${place.scope}/${l.name}` }, xs, shapes);
    },
    convertModel: (inner, xs) => convertModel(env, inner as ModelLike, place, xs),
    fail,
  };
  const outputs = converter.convert(inputs, ctx, outputShapes);
  if (outputs.length !== outputShapes.length) fail(`converter produced ${outputs.length} outputs, tfjs has ${outputShapes.length}`);
  return outputs.map((o, i) => ({ ...o, shape: [...outputShapes[i]] }));
}

/** Converts every call inside `model` on `inputs` (one per model input); returns its outputs. */
function convertModel(env: WalkEnv, model: ModelLike, place: Place, inputs: TensorRef[]): TensorRef[] {
  const refs = new Map<number, TensorRef>();
  model.inputs.forEach((t, i) => refs.set(t.id, inputs[i]));
  for (const { layer, node } of topologicalCalls(model)) {
    const where: Place = { path: `${place.path}/${layer.name}`, scope: place.scope ? `${place.scope}/${layer.name}` : layer.name };
    const xs = node.inputTensors.map((t) => refs.get(t.id) ?? (() => {
      throw new LayerExportError(layer.name, layer.getClassName(), `input tensor ${t.id} was not converted`, where.path);
    })());
    const converted = convertLayer(env, layer, where, xs, node.outputTensors.map((t) => [...t.shape]));
    // Conservatively, a mask reaching a layer goes on with its outputs (tfjs passes it through most layers).
    const outputs = xs.some((x) => x.masked) ? converted.map((o) => ({ ...o, masked: true })) : converted;
    node.outputTensors.forEach((t, i) => refs.set(t.id, outputs[i]));
  }
  return model.outputs.map((t) => refs.get(t.id)!);
}

export async function convertLayersModel(tfModel: tf.LayersModel): Promise<GraphDef> {
  const model = tfModel as unknown as ModelLike;
  checkModel(model, model.name);
  const graph = new GraphBuilder(model.name);
  const env: WalkEnv = { graph, router: new LayoutRouter(graph), weights: await readAllWeights(model) };

  const inputs = model.inputs.map((t, i): TensorRef => {
    // The InputLayer's name ('features', or 'dense_Dense1_input' in a Sequential) names the input.
    const dtype = tensorDtype(t.dtype, `input ${t.sourceLayer.name}`);
    const name = graph.addInput(t.sourceLayer.name || `input_${i}`, elemType(dtype), inputDims(t.shape, i));
    return { name, shape: [...t.shape], dtype, layout: { kind: 'keras' } };
  });
  const outputs = convertModel(env, model, { path: model.name, scope: '' }, inputs);

  model.outputs.forEach((t, i) => {
    const ref = env.router.toKeras(outputs[i], 'output');
    // Outputs are named after the layer producing them, as tfjs's outputNames are.
    graph.addOutput(ref.name, t.sourceLayer.name || `output_${i}`, elemType(ref.dtype), outputDims(t.shape));
  });
  return graph.build();
}
