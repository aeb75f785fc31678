import { attr, type GraphBuilder } from '../graph-builder';
import type { TensorRef } from '../tensor-ref';

/**
 * tfjs activation functions (tfjs-layers 4.22 `activations.ts`) as ONNX opset-17 subgraphs.
 * Keyed by the name `getConfig()` reports; snake_case Keras aliases point at the same entry.
 */
type EmitActivation = (g: GraphBuilder, x: string, scope: string, axis: number) => string;

const SQRT_2 = Math.sqrt(2);

const ACTIVATIONS: Record<string, EmitActivation> = {
  linear: (_g, x) => x,
  relu: (g, x, s) => g.op('Relu', [x], {}, s),
  // tfjs: minimum(6, relu(x)).
  relu6: (g, x, s) => g.op('Clip', [x, g.floatScalar(0), g.floatScalar(6)], {}, s),
  // tfjs's elu activation only supports alpha = 1.
  elu: (g, x, s) => g.op('Elu', [x], { alpha: attr.float(1) }, s),
  // tfjs: x > 0 ? SCALE*x : SCALEALPHA*(exp(x)-1), so ONNX alpha = SCALEALPHA / SCALE.
  selu: (g, x, s) =>
    g.op('Selu', [x], { alpha: attr.float(1.7580993408473768 / 1.0507009873554805), gamma: attr.float(1.0507009873554805) }, s),
  sigmoid: (g, x, s) => g.op('Sigmoid', [x], {}, s),
  // tfjs: clip(0.2x + 0.5, 0, 1), the same as ONNX's defaults.
  hardSigmoid: (g, x, s) => g.op('HardSigmoid', [x], { alpha: attr.float(0.2), beta: attr.float(0.5) }, s),
  tanh: (g, x, s) => g.op('Tanh', [x], {}, s),
  softmax: (g, x, s, axis) => g.op('Softmax', [x], { axis: attr.int(axis) }, s),
  logSoftmax: (g, x, s, axis) => g.op('LogSoftmax', [x], { axis: attr.int(axis) }, s),
  softplus: (g, x, s) => g.op('Softplus', [x], {}, s),
  softsign: (g, x, s) => g.op('Softsign', [x], {}, s),
  // tfjs: sigmoid(alpha * x) * x with alpha = 1.
  swish: (g, x, s) => g.op('Mul', [g.op('Sigmoid', [x], {}, s), x], {}, s),
  // tfjs: x * tanh(softplus(x)); ONNX's Mish op needs opset 18.
  mish: (g, x, s) => g.op('Mul', [x, g.op('Tanh', [g.op('Softplus', [x], {}, s)], {}, s)], {}, s),
  // tfjs 4.22 gelu is the exact erf form: x * 0.5 * (1 + erf(x / sqrt(2))); ONNX's Gelu needs opset 20.
  gelu: (g, x, s) => {
    const erf = g.op('Erf', [g.op('Div', [x, g.floatScalar(SQRT_2)], {}, s)], {}, s);
    const cdf = g.op('Mul', [g.floatScalar(0.5), g.op('Add', [g.floatScalar(1), erf], {}, s)], {}, s);
    return g.op('Mul', [x, cdf], {}, s);
  },
  // tfjs gelu_new, the tanh approximation: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
  gelu_new: (g, x, s) => {
    const cube = g.op('Mul', [g.op('Mul', [x, x], {}, s), x], {}, s);
    const inner = g.op('Add', [x, g.op('Mul', [g.floatScalar(0.044715), cube], {}, s)], {}, s);
    const t = g.op('Tanh', [g.op('Mul', [g.floatScalar(Math.sqrt(2 / Math.PI)), inner], {}, s)], {}, s);
    const half = g.op('Mul', [g.floatScalar(0.5), x], {}, s);
    return g.op('Mul', [half, g.op('Add', [g.floatScalar(1), t], {}, s)], {}, s);
  },
};
ACTIVATIONS.hard_sigmoid = ACTIVATIONS.hardSigmoid;
ACTIVATIONS.log_softmax = ACTIVATIONS.logSoftmax;

export const SUPPORTED_ACTIVATIONS = Object.keys(ACTIVATIONS).sort();

export function isSupportedActivation(name: string): boolean {
  return Object.hasOwn(ACTIVATIONS, name);
}

/**
 * Emits `name` applied to `ref`, elementwise, so the layout is kept. Softmax-like functions
 * reduce over the tfjs last axis: channel axis 1 in NCHW; in a flattened NCHW vector the whole
 * vector, which a permutation does not change.
 */
export function emitActivation(g: GraphBuilder, name: string, ref: TensorRef, scope: string): TensorRef {
  const emit = ACTIVATIONS[name];
  if (!emit) throw new Error(`unsupported activation '${name}' (supported: ${SUPPORTED_ACTIVATIONS.join(', ')})`);
  const axis = ref.layout.kind === 'nchw' ? 1 : -1;
  const out = emit(g, ref.name, scope, axis);
  return out === ref.name ? ref : { ...ref, name: out };
}
