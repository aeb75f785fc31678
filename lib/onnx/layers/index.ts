import { activation } from './activation';
import { add } from './add';
import { average } from './average';
import { bidirectional } from './bidirectional';
import { batchNormalization } from './batch-normalization';
import { concatenate } from './concatenate';
import { conv1d, conv2d, conv3d } from './conv';
import { conv2dTranspose, conv3dTranspose } from './conv-transpose';
import { cropping2d } from './cropping';
import { dense } from './dense';
import { depthwiseConv2d } from './depthwise-conv2d';
import { dot } from './dot';
import { elu } from './elu';
import { embedding } from './embedding';
import { flatten } from './flatten';
import { globalAveragePooling1d, globalAveragePooling2d, globalMaxPooling1d, globalMaxPooling2d } from './global-pooling';
import { alphaDropout, dropout, gaussianDropout, gaussianNoise, spatialDropout1d } from './identity';
import { inputLayer } from './input-layer';
import { layerNormalization } from './layer-normalization';
import { masking } from './masking';
import { leakyRelu } from './leaky-relu';
import { maximum } from './maximum';
import { minimum } from './minimum';
import { multiply } from './multiply';
import { nestedFunctional, nestedModelClass, nestedSequential } from './nested-model';
import { permute } from './permute';
import { positionEmbedding } from './position-embedding';
import { averagePooling1d, averagePooling2d, averagePooling3d, maxPooling1d, maxPooling2d, maxPooling3d } from './pooling';
import { prelu } from './prelu';
import { gru, lstm, simpleRnn } from './recurrent';
import { relu } from './relu';
import { repeatVector } from './repeat-vector';
import { rescaling } from './rescaling';
import { reshape } from './reshape';
import { selfAttention } from './self-attention';
import { separableConv2d } from './separable-conv2d';
import { softmax } from './softmax';
import { thresholdedRelu } from './thresholded-relu';
import { timeDistributed } from './time-distributed';
import type { LayerConverter } from './types';
import { upSampling2d } from './up-sampling';
import { zeroPadding2d } from './zero-padding';

/** Every exportable tfjs layer class. Adding one: a new file (or a line in its family's file) and one line here. */
const CONVERTERS: LayerConverter[] = [
  inputLayer,
  dense,
  conv1d,
  conv2d,
  conv3d,
  conv2dTranspose,
  conv3dTranspose,
  depthwiseConv2d,
  separableConv2d,
  zeroPadding2d,
  cropping2d,
  upSampling2d,
  maxPooling1d,
  maxPooling2d,
  maxPooling3d,
  averagePooling1d,
  averagePooling2d,
  averagePooling3d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  globalAveragePooling2d,
  globalMaxPooling2d,
  flatten,
  reshape,
  permute,
  repeatVector,
  dropout,
  spatialDropout1d,
  gaussianNoise,
  gaussianDropout,
  alphaDropout,
  batchNormalization,
  layerNormalization,
  rescaling,
  masking,
  activation,
  relu,
  leakyRelu,
  elu,
  softmax,
  thresholdedRelu,
  prelu,
  embedding,
  add,
  multiply,
  average,
  maximum,
  minimum,
  concatenate,
  dot,
  // Benchtop's own text layers (lib/text/attention-layers.ts), as standard ops.
  positionEmbedding,
  selfAttention,
  simpleRnn,
  lstm,
  gru,
  bidirectional,
  timeDistributed,
  nestedSequential,
  nestedFunctional,
  nestedModelClass,
];

const BY_CLASS = new Map(CONVERTERS.map((c) => [c.className, c]));

export const SUPPORTED_LAYER_CLASSES: readonly string[] = CONVERTERS.map((c) => c.className).sort();

export function converterFor(className: string): LayerConverter | undefined {
  return BY_CLASS.get(className);
}
