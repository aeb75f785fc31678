import { attr } from '../graph-builder';
import type { AttributeValue } from '../onnx-ir';
import type { TensorRef } from '../tensor-ref';
import { configBool, configString } from './config';
import type { ConvertContext, LayerConverter } from './types';

/**
 * SimpleRNN, LSTM and GRU → ONNX RNN, LSTM and GRU (one direction; Bidirectional runs two).
 * Keras stores kernels [features, gates·units] with gates in its own order; ONNX wants
 * [directions, gates·units, features] in ONNX order: LSTM Keras (i, f, c, o) → ONNX (i, o, f, c);
 * GRU (z, r, h) is the same in both. tfjs 4.22's GRU refuses reset_after=true, so every loadable
 * GRU is ONNX linear_before_reset = 0. The bias goes into Wb; Rb is zero.
 */
interface RecurrentSpec {
  className: string;
  opType: 'RNN' | 'LSTM' | 'GRU';
  /** ONNX gate block g comes from Keras block kerasGate[g]. */
  kerasGate: number[];
  /** Config keys of the activations, in ONNX's order (f, g, h). */
  activationKeys: string[];
  /** How many state outputs return_state adds (h; h and c). */
  states: number;
}

const SPECS: RecurrentSpec[] = [
  { className: 'SimpleRNN', opType: 'RNN', kerasGate: [0], activationKeys: ['activation'], states: 1 },
  { className: 'LSTM', opType: 'LSTM', kerasGate: [0, 3, 1, 2], activationKeys: ['recurrentActivation', 'activation', 'activation'], states: 2 },
  { className: 'GRU', opType: 'GRU', kerasGate: [0, 1, 2], activationKeys: ['recurrentActivation', 'activation'], states: 1 },
];

/** tfjs activation names → ONNX recurrent activation, with the alpha/beta ONNX reads for it. */
const ONNX_ACTIVATION: Record<string, { name: string; alpha?: number; beta?: number }> = {
  tanh: { name: 'Tanh' },
  sigmoid: { name: 'Sigmoid' },
  // tfjs: clip(0.2x + 0.5, 0, 1).
  hardSigmoid: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
  hard_sigmoid: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
  relu: { name: 'Relu' },
  linear: { name: 'Affine', alpha: 1, beta: 0 },
  softsign: { name: 'Softsign' },
  softplus: { name: 'Softplus' },
  elu: { name: 'Elu', alpha: 1 },
};

/** Keras [rows, gates·units] → ONNX [1, gates·units, rows], gate blocks reordered. */
function toOnnxGates(data: Float32Array, rows: number, units: number, kerasGate: number[]): Float32Array {
  const gates = kerasGate.length;
  const out = new Float32Array(data.length);
  kerasGate.forEach((k, g) => {
    for (let u = 0; u < units; u++) for (let r = 0; r < rows; r++) out[(g * units + u) * rows + r] = data[r * gates * units + k * units + u];
  });
  return out;
}

function activationAttributes(ctx: ConvertContext, keys: string[]): Record<string, AttributeValue> {
  const defaults: Record<string, string> = { activation: 'tanh', recurrentActivation: 'hardSigmoid' };
  const acts = keys.map((key) => {
    const name = configString(ctx, key, defaults[key]);
    return ONNX_ACTIVATION[name] ?? ctx.fail(`${key} '${name}' has no ONNX recurrent form (supported: ${Object.keys(ONNX_ACTIVATION).join(', ')})`);
  });
  const alphas = acts.flatMap((a) => (a.alpha === undefined ? [] : [a.alpha]));
  const betas = acts.flatMap((a) => (a.beta === undefined ? [] : [a.beta]));
  return {
    activations: attr.strings(acts.map((a) => a.name)),
    ...(alphas.length ? { activation_alpha: attr.floats(alphas) } : {}),
    ...(betas.length ? { activation_beta: attr.floats(betas) } : {}),
  };
}

/** Reverses the time axis (1) of a [N, T, …] value: tfjs's go_backwards returns steps in processing order. */
export function reverseTime(ctx: ConvertContext, name: string): string {
  const g = ctx.graph;
  return g.op(
    'Slice',
    [name, g.int64Const(`${ctx.scope}/rev_starts`, [-1]), g.int64Const(`${ctx.scope}/rev_ends`, [Number.MIN_SAFE_INTEGER]), g.int64Const(`${ctx.scope}/rev_axes`, [1]), g.int64Const(`${ctx.scope}/rev_steps`, [-1])],
    {},
    ctx.scope,
  );
}

function recurrent(spec: RecurrentSpec): LayerConverter {
  return {
    className: spec.className,
    convert(inputs, ctx, outputShapes) {
      if (inputs.length !== 1) ctx.fail(`initial states passed as inputs are not supported (${inputs.length} inputs)`);
      if (inputs[0].masked) {
        ctx.fail('a mask (from Masking or Embedding mask_zero) reaches this RNN: tfjs skips masked steps anywhere in a sequence, ONNX RNN ops only take per-row lengths, so no faithful file exists');
      }
      if (configBool(ctx, 'stateful', false)) ctx.fail('stateful RNNs are not supported (state would have to live outside the file)');
      if (configBool(ctx, 'resetAfter', false)) ctx.fail('reset_after=true is not supported');
      const g = ctx.graph;
      const x = ctx.toKeras(inputs[0]);
      const kernel = ctx.weight('kernel');
      const recurrentKernel = ctx.weight('recurrent_kernel');
      const [features, width] = kernel.shape;
      const gates = spec.kerasGate.length;
      const units = width / gates;
      const bias = new Float32Array(2 * gates * units);
      if (configBool(ctx, 'useBias', true)) bias.set(toOnnxGates(ctx.weight('bias').data, 1, units, spec.kerasGate));
      const goBackwards = configBool(ctx, 'goBackwards', false);
      const onnxInputs = [
        g.op('Transpose', [x.name], { perm: attr.ints([1, 0, 2]) }, ctx.scope),
        g.floatConst(`${ctx.scope}/W`, [1, gates * units, features], toOnnxGates(kernel.data, features, units, spec.kerasGate)),
        g.floatConst(`${ctx.scope}/R`, [1, gates * units, units], toOnnxGates(recurrentKernel.data, units, units, spec.kerasGate)),
        g.floatConst(`${ctx.scope}/B`, [1, 2 * gates * units], bias),
      ];
      const attributes: Record<string, AttributeValue> = {
        hidden_size: attr.int(units),
        direction: attr.string(goBackwards ? 'reverse' : 'forward'),
        ...activationAttributes(ctx, spec.activationKeys),
        ...(spec.opType === 'GRU' ? { linear_before_reset: attr.int(0) } : {}),
      };
      const [y, yh, yc] = g.node(spec.opType, onnxInputs, attributes, { scope: ctx.scope, outputs: spec.opType === 'LSTM' ? 3 : 2 });
      const squeeze = (name: string, axis: number) => g.op('Squeeze', [name, g.int64Const(`${ctx.scope}/axis${axis}`, [axis])], {}, ctx.scope);
      let output: string;
      if (configBool(ctx, 'returnSequences', false)) {
        output = g.op('Transpose', [squeeze(y, 1)], { perm: attr.ints([1, 0, 2]) }, ctx.scope);
        if (goBackwards) output = reverseTime(ctx, output);
      } else {
        output = squeeze(yh, 0);
      }
      const states = [yh, yc].slice(0, spec.states).map((s) => squeeze(s, 0));
      const names = [output, ...states].slice(0, outputShapes.length);
      return names.map((name, i): TensorRef => ({ name, shape: outputShapes[i], dtype: 'float32', layout: { kind: 'keras' } }));
    },
  };
}

export const [simpleRnn, lstm, gru] = SPECS.map(recurrent);
