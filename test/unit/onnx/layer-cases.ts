import * as tf from '@tensorflow/tfjs';
import { SUPPORTED_ACTIVATIONS } from '@/lib/onnx/layers/activations';
import { textLayers } from '@/lib/text/attention-layers';

/**
 * One small model per exportable layer family, the data behind layer-coverage.test.ts and the
 * README's layer table. `inputs` are per-model-input shapes without the batch; a case with
 * `runShapes` has unknown dims and is run at each listed set of concrete shapes.
 */
export interface LayerCase {
  name: string;
  build: () => tf.LayersModel;
  inputs: { shape: number[]; dtype?: 'int32'; intMax?: number }[];
  /** Concrete shapes (batch included) per run, for models with unknown dims. */
  runShapes?: number[][][];
  /** Hand-made inputs (one list per run) where seeded noise would miss the case (mask values). */
  feed?: () => tf.Tensor[][];
}

const L = tf.layers;
const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;

/** A sequential model of `layers` on inputs of `shape` (batch excluded; null = unknown). */
function seq(shape: (number | null)[], ...layers: tf.layers.Layer[]): tf.LayersModel {
  return seqOf(tf.input({ shape }), layers);
}

function seqOf(input: tf.SymbolicTensor, layers: tf.layers.Layer[]): tf.LayersModel {
  let x = input;
  for (const l of layers) x = apply(l, x);
  return tf.model({ inputs: input, outputs: x });
}

/** Several branches from one input, one output each. */
function branches(shape: number[], make: ((x: tf.SymbolicTensor) => tf.SymbolicTensor)[]): tf.LayersModel {
  const input = tf.input({ shape });
  return tf.model({ inputs: input, outputs: make.map((f) => f(input)) });
}

/** Activation names tfjs itself accepts (the exporter also maps Keras snake_case aliases tfjs does not load). */
export const TFJS_ACTIVATIONS = SUPPORTED_ACTIVATIONS.filter((name) => {
  try {
    L.activation({ activation: name as 'relu' });
    return true;
  } catch {
    return false;
  }
});

export const LAYER_CASES: LayerCase[] = [
  {
    name: `Activation layer with every activation (${TFJS_ACTIVATIONS.join(', ')})`,
    inputs: [{ shape: [2, 5] }],
    build: () => branches([2, 5], TFJS_ACTIVATIONS.map((name) => (x: tf.SymbolicTensor) => apply(L.activation({ activation: name as 'relu', name: `act_${name}` }), x))),
  },
  {
    name: 'Conv1D same/valid, dilated and strided, MaxPooling1D, AveragePooling1D, global 1D pools',
    inputs: [{ shape: [12, 3] }],
    build: () =>
      branches([12, 3], [
        (x) => apply(L.globalAveragePooling1d({}), apply(L.conv1d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }), x)),
        (x) => apply(L.globalMaxPooling1d({}), apply(L.conv1d({ filters: 2, kernelSize: 3, padding: 'same', dilationRate: 2 }), x)),
        (x) => apply(L.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }), apply(L.conv1d({ filters: 3, kernelSize: 2, strides: 2 }), x)),
        (x) => apply(L.averagePooling1d({ poolSize: 2, padding: 'valid' }), x),
      ]),
  },
  {
    name: 'Conv3D, MaxPooling3D, AveragePooling3D',
    inputs: [{ shape: [5, 6, 4, 2] }],
    build: () =>
      branches([5, 6, 4, 2], [
        (x) => apply(L.maxPooling3d({ poolSize: 2, padding: 'same' }), apply(L.conv3d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh' }), x)),
        (x) => apply(L.averagePooling3d({ poolSize: [2, 3, 2], strides: 1 }), apply(L.conv3d({ filters: 2, kernelSize: [2, 3, 1], strides: [1, 2, 1] }), x)),
      ]),
  },
  {
    name: 'Conv2DTranspose valid/same, kernel above and below stride; Conv3DTranspose',
    inputs: [{ shape: [4, 5, 3] }],
    build: () =>
      branches([4, 5, 3], [
        (x) => apply(L.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), x),
        (x) => apply(L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'valid' }), x),
        (x) => apply(L.conv2dTranspose({ filters: 2, kernelSize: [1, 2], strides: [2, 3], padding: 'valid' }), x),
        (x) => apply(L.conv2dTranspose({ filters: 2, kernelSize: 4, strides: 1, padding: 'same', useBias: false }), x),
        (x) => apply(L.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2, padding: 'same' }), apply(L.reshape({ targetShape: [4, 5, 3, 1] }), x)),
      ]),
  },
  {
    name: 'ZeroPadding2D, Cropping2D (on NHWC input and on a conv output), UpSampling2D nearest and bilinear',
    inputs: [{ shape: [6, 7, 2] }],
    build: () =>
      branches([6, 7, 2], [
        (x) => apply(L.zeroPadding2d({ padding: [[1, 2], [0, 3]] }), x),
        (x) => apply(L.cropping2D({ cropping: [[1, 0], [2, 1]] }), apply(L.zeroPadding2d({ padding: 1 }), apply(L.conv2d({ filters: 3, kernelSize: 3 }), x))),
        (x) => apply(L.upSampling2d({ size: [2, 3] }), apply(L.conv2d({ filters: 2, kernelSize: 1 }), x)),
        (x) => apply(L.upSampling2d({ size: [2, 2], interpolation: 'bilinear' }), x),
      ]),
  },
  {
    name: 'CNN block: Conv2D, BatchNormalization, ReLU(maxValue), DepthwiseConv2D, SeparableConv2D, pools, Flatten, Dense',
    inputs: [{ shape: [9, 9, 3] }],
    build: () =>
      seq(
        [9, 9, 3],
        L.conv2d({ filters: 4, kernelSize: 3, padding: 'same' }),
        L.batchNormalization({}),
        L.reLU({ maxValue: 6 }),
        L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.separableConv2d({ filters: 5, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.averagePooling2d({ poolSize: 2, padding: 'same' }),
        L.flatten(),
        L.dense({ units: 4, activation: 'softmax' }),
      ),
  },
  {
    name: 'global 2D pools, LayerNormalization, Softmax over NCHW channels, advanced activations',
    inputs: [{ shape: [4, 5, 3] }],
    build: () =>
      branches([4, 5, 3], [
        (x) => apply(L.globalAveragePooling2d({}), x),
        (x) => apply(L.globalMaxPooling2d({}), x),
        (x) => apply(L.layerNormalization({ axis: -1 }), x),
        (x) => apply(L.softmax({ axis: -1 }), apply(L.conv2d({ filters: 3, kernelSize: 1 }), x)),
        (x) => apply(L.leakyReLU({ alpha: 0.1 }), x),
        (x) => apply(L.prelu({}), x),
        (x) => apply(L.elu({}), x),
        (x) => apply(L.thresholdedReLU({ theta: 0.2 }), x),
      ]),
  },
  {
    name: 'Reshape, Permute, RepeatVector, Rescaling, identity layers (Dropout, SpatialDropout1D, GaussianNoise, GaussianDropout, AlphaDropout)',
    inputs: [{ shape: [12] }],
    build: () =>
      seq(
        [12],
        L.rescaling({ scale: 0.5, offset: -0.25 }),
        L.dropout({ rate: 0.5 }),
        L.gaussianNoise({ stddev: 1 }),
        L.gaussianDropout({ rate: 0.4 }),
        L.alphaDropout({ rate: 0.3 }),
        L.repeatVector({ n: 3 }),
        L.spatialDropout1d({ rate: 0.5 }),
        L.reshape({ targetShape: [3, 4, 3] }),
        L.permute({ dims: [3, 1, 2] }),
      ),
  },
  {
    name: 'merge layers: Add, Multiply, Average, Maximum, Minimum, Concatenate',
    inputs: [{ shape: [6] }, { shape: [6] }],
    build: () => {
      const p = tf.input({ shape: [6] });
      const q = tf.input({ shape: [6] });
      const a = apply(L.dense({ units: 4 }), p);
      const b = apply(L.dense({ units: 4 }), q);
      const outs = [L.add(), L.multiply(), L.average(), L.maximum(), L.minimum(), L.concatenate()].map((m) => apply(m, [a, b]));
      return tf.model({ inputs: [p, q], outputs: outs });
    },
  },
  {
    name: 'Dot: vectors (plain, normalized), sequences on every pair of axes',
    inputs: [{ shape: [3, 4] }, { shape: [3, 4] }, { shape: [4, 3] }],
    build: () => {
      const p = tf.input({ shape: [3, 4] });
      const q = tf.input({ shape: [3, 4] });
      const r = tf.input({ shape: [4, 3] });
      const u = apply(L.flatten(), p);
      const v = apply(L.flatten(), q);
      return tf.model({
        inputs: [p, q, r],
        outputs: [
          apply(L.dot({ axes: 1 }), [u, v]),
          apply(L.dot({ axes: -1, normalize: true }), [u, v]),
          apply(L.dot({ axes: -1 }), [p, q]),
          apply(L.dot({ axes: 1, normalize: true }), [p, q]),
          apply(L.dot({ axes: [2, 1] }), [p, r]),
          apply(L.dot({ axes: [1, 2] }), [p, r]),
        ],
      });
    },
  },
  {
    name: 'Masking: steps equal to maskValue are zeroed, the mask passes through Dense',
    inputs: [{ shape: [4, 3] }],
    feed: () => [[tf.tensor3d([[[1, 2, 3], [-1, -1, -1], [0.5, -1, 2], [-1, -1, -1]], [[-1, -1, -1], [4, 0, 1], [-1, -1, -1], [-1, -1, -1]]])]],
    build: () => seq([4, 3], L.masking({ maskValue: -1 }), L.dense({ units: 2, activation: 'tanh' })),
  },
  {
    name: 'Embedding on int32 tokens',
    inputs: [{ shape: [5], dtype: 'int32', intMax: 11 }],
    build: () => seqOf(tf.input({ shape: [5], dtype: 'int32' }), [L.embedding({ inputDim: 11, outputDim: 4 }), L.flatten(), L.dense({ units: 2 })]),
  },
  {
    name: "Benchtop's text layers (the text template's): position embedding, two-head self-attention",
    inputs: [{ shape: [6], dtype: 'int32', intMax: 11 }],
    build: () => {
      const text = textLayers(tf);
      return seqOf(tf.input({ shape: [6], dtype: 'int32' }), [L.embedding({ inputDim: 11, outputDim: 8 }), text.positionEmbedding(), text.selfAttention({ numHeads: 2 })]);
    },
  },
  {
    name: 'nested Sequential and functional models used as layers',
    inputs: [{ shape: [6, 6, 2] }],
    build: () => {
      const block = tf.sequential({ name: 'block_seq', layers: [L.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }), L.maxPooling2d({ poolSize: 2 })] });
      const headIn = tf.input({ shape: [3, 3, 3] });
      const head = tf.model({ name: 'head_fn', inputs: headIn, outputs: apply(L.dense({ units: 2 }), apply(L.flatten(), apply(L.conv2d({ filters: 2, kernelSize: 1 }), headIn))) });
      // Keras ≥ 2.4 saves nested functional models as class 'Functional'; tfjs loads them as such.
      const sideIn = tf.input({ shape: [3, 3, 3] });
      const sideModel = tf.model({ name: 'side_fn', inputs: sideIn, outputs: apply(L.globalAveragePooling2d({}), sideIn) });
      const [Functional, fromConfig] = tf.serialization.SerializationMap.getMap().classNameMap.Functional;
      const side = fromConfig(Functional, sideModel.getConfig()) as unknown as tf.layers.Layer;
      const x = tf.input({ shape: [6, 6, 2] });
      const features = apply(block, x);
      return tf.model({ inputs: x, outputs: [apply(head, features), apply(side, features)] });
    },
  },
  {
    name: 'TimeDistributed(Dense) and TimeDistributed(Conv2D), unknown step count',
    inputs: [{ shape: [3, 5, 5, 2] }],
    runShapes: [[[2, 3, 5, 5, 2]], [[1, 4, 5, 5, 2]]],
    build: () => {
      const x = tf.input({ shape: [null, 5, 5, 2] });
      const conv = apply(L.timeDistributed({ layer: L.conv2d({ filters: 3, kernelSize: 3, activation: 'relu' }) }), x);
      const flat = apply(L.timeDistributed({ layer: L.flatten() }), conv);
      return tf.model({ inputs: x, outputs: apply(L.timeDistributed({ layer: L.dense({ units: 4 }) }), flat) });
    },
  },
  {
    name: 'SimpleRNN, LSTM, GRU: sequences, last step, go_backwards, return_state, unknown step count',
    inputs: [{ shape: [5, 3] }],
    runShapes: [[[2, 5, 3]], [[3, 2, 3]]],
    build: () =>
      branches([null as unknown as number, 3], [
        (x) => apply(L.simpleRNN({ units: 4, returnSequences: true }), x),
        (x) => apply(L.simpleRNN({ units: 3, activation: 'relu', goBackwards: true }), x),
        (x) => apply(L.lstm({ units: 4 }), x),
        (x) => apply(L.lstm({ units: 3, returnSequences: true, goBackwards: true, recurrentActivation: 'sigmoid' }), x),
        (x) => apply(L.gru({ units: 4, returnSequences: true }), x),
        (x) => apply(L.gru({ units: 2, goBackwards: true, activation: 'softsign' }), x),
        ...[0, 1, 2].map((i) => (x: tf.SymbolicTensor) => (L.lstm({ units: 2, returnState: true, name: `lstm_state_${i}` }).apply(x) as tf.SymbolicTensor[])[i]),
      ]),
  },
  {
    name: 'Bidirectional LSTM/GRU/SimpleRNN: concat, sum, mul, ave, null merge; return_state',
    inputs: [{ shape: [4, 3] }],
    build: () =>
      branches([4, 3], [
        (x) => apply(L.bidirectional({ layer: L.lstm({ units: 3, returnSequences: true }) as tf.RNN }), x),
        (x) => apply(L.bidirectional({ layer: L.gru({ units: 2 }) as tf.RNN, mergeMode: 'sum' }), x),
        (x) => apply(L.bidirectional({ layer: L.simpleRNN({ units: 2, returnSequences: true }) as tf.RNN, mergeMode: 'mul' }), x),
        (x) => apply(L.bidirectional({ layer: L.gru({ units: 2, returnSequences: true }) as tf.RNN, mergeMode: 'ave' }), x),
        ...[0, 1].map((i) => (x: tf.SymbolicTensor) => (L.bidirectional({ layer: L.lstm({ units: 2 }) as tf.RNN, mergeMode: null as unknown as 'concat', name: `bidi_null_${i}` }).apply(x) as tf.SymbolicTensor[])[i]),
        (x) => (L.bidirectional({ layer: L.lstm({ units: 2, returnState: true }) as tf.RNN }).apply(x) as tf.SymbolicTensor[])[3],
      ]),
  },
  {
    name: 'dynamic shapes: [null, null, 3] image-to-image (conv, upsample, pad, crop)',
    inputs: [{ shape: [null as unknown as number, null as unknown as number, 3] }],
    runShapes: [[[1, 8, 6, 3]], [[2, 5, 9, 3]]],
    build: () =>
      seq(
        [null, null, 3],
        L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.zeroPadding2d({ padding: 1 }),
        L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same' }),
        L.upSampling2d({ size: [2, 2] }),
        L.cropping2D({ cropping: [[1, 1], [1, 1]] }),
        L.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same' }),
      ),
  },
];
