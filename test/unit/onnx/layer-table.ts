import type * as tf from '@tensorflow/tfjs';
import { convertLayersModel } from '@/lib/onnx/convert';
import { SUPPORTED_LAYER_CLASSES } from '@/lib/onnx/layers';
import type { GraphDef } from '@/lib/onnx/onnx-ir';
import { quantizeWeightsInt8 } from '@/lib/onnx/quantize/weights-int8';
import { LAYER_CASES, TFJS_ACTIVATIONS } from './layer-cases';

/**
 * The README's layer table, generated from the converter registry and the coverage cases (the
 * same models layer-coverage.test.ts runs), so it cannot drift: each class's ONNX ops are the
 * nodes its converters actually wrote in those cases (node names carry the layer's scope), and
 * "int8 weights" says whether weight-only int8 quantized any of its weights.
 */
export const TABLE_START = '<!-- onnx-layer-table:start (npm run gen:onnx-layer-table) -->';
export const TABLE_END = '<!-- onnx-layer-table:end -->';

type LayerObject = tf.layers.Layer & { layers?: tf.layers.Layer[]; layer?: tf.layers.Layer; forwardLayer?: tf.layers.Layer; backwardLayer?: tf.layers.Layer };

/** scope (as convert.ts names nodes) → layer, for every layer of `model`, nested and wrapped ones included. */
function scopes(layers: tf.layers.Layer[], prefix: string, into: Map<string, tf.layers.Layer>): void {
  for (const layer of layers as LayerObject[]) {
    const scope = prefix ? `${prefix}/${layer.name}` : layer.name;
    into.set(scope, layer);
    if (layer.layers) scopes(layer.layers, scope, into);
    scopes([layer.layer, layer.forwardLayer, layer.backwardLayer].filter((l): l is tf.layers.Layer => l !== undefined), scope, into);
  }
}

/** The scope a node belongs to: its name up to the last '/', or for a weight's DequantizeLinear, the weight's layer. */
function scopeOf(nodeName: string, opType: string): string {
  const parts = nodeName.split('/');
  return parts.slice(0, opType === 'DequantizeLinear' ? -2 : -1).join('/');
}

interface ClassRow {
  ops: Set<string>;
  int8Weights: boolean;
}

function attribute(graph: GraphDef, byScope: Map<string, tf.layers.Layer>, rows: Map<string, ClassRow>, key: (l: tf.layers.Layer) => string, int8: boolean): void {
  for (const node of graph.nodes) {
    // An Identity only ever exposes a graph output; it belongs to no layer.
    if (node.opType === 'Identity') continue;
    const layer = byScope.get(scopeOf(node.name, node.opType));
    if (!layer) continue;
    const row = rows.get(key(layer)) ?? { ops: new Set<string>(), int8Weights: false };
    rows.set(key(layer), row);
    if (node.opType === 'DequantizeLinear') row.int8Weights ||= int8;
    else if (!int8) row.ops.add(node.opType);
  }
}

export async function layerTable(): Promise<string> {
  const classes = new Map<string, ClassRow>();
  const activations = new Map<string, ClassRow>();
  for (const c of LAYER_CASES) {
    const model = c.build();
    const byScope = new Map<string, tf.layers.Layer>();
    scopes(model.layers, '', byScope);
    const fp32 = await convertLayersModel(model);
    for (const [graph, int8] of [[fp32, false], [quantizeWeightsInt8(fp32), true]] as const) {
      attribute(graph, byScope, classes, (l) => l.getClassName(), int8);
      attribute(graph, new Map([...byScope].filter(([s]) => s.startsWith('act_'))), activations, (l) => l.name.slice('act_'.length), int8);
    }
    model.dispose();
  }
  const ops = (row: ClassRow | undefined) => (row && row.ops.size ? [...row.ops].sort().join(', ') : '(none: identity)');
  // Models used as layers and wrappers: their weights belong to the layers inside.
  const containers = new Set(['Sequential', 'Functional', 'Model', 'TimeDistributed', 'Bidirectional']);
  const lines = [
    '| Keras class | ONNX ops written | fp32 tested | int8 (weight-only) tested |',
    '| --- | --- | --- | --- |',
    ...SUPPORTED_LAYER_CLASSES.filter((c) => c !== 'InputLayer').map((c) => {
      const row = classes.get(c);
      const int8 = containers.has(c) ? ' (as the layers inside)' : row?.int8Weights ? ' (int8 weights)' : ' (no int8 weights: runs fp32)';
      const written = ['Sequential', 'Functional', 'Model'].includes(c) ? '(the ops of its layers)' : ops(row);
      return `| ${c} | ${written} | ✓ | ✓${int8} |`;
    }),
    '',
    '| activation (any layer’s `activation`, or an Activation layer) | ONNX ops |',
    '| --- | --- |',
    ...TFJS_ACTIVATIONS.map((a) => `| ${a} | ${activations.get(a)?.ops.size ? [...activations.get(a)!.ops].sort().join(', ') : '(none: identity)'} |`),
  ];
  return lines.join('\n');
}

/** The table as it stands in README.md (between the markers), or null when the markers are missing. */
export function readmeTable(readme: string): string | null {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return null;
  return readme.slice(start + TABLE_START.length, end).trim();
}
