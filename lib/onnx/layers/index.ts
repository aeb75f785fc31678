import { activation } from './activation';
import { add } from './add';
import { average } from './average';
import { averagePooling2d } from './average-pooling2d';
import { batchNormalization } from './batch-normalization';
import { concatenate } from './concatenate';
import { conv2d } from './conv2d';
import { dense } from './dense';
import { depthwiseConv2d } from './depthwise-conv2d';
import { dropout } from './dropout';
import { elu } from './elu';
import { embedding } from './embedding';
import { flatten } from './flatten';
import { globalAveragePooling2d } from './global-average-pooling2d';
import { globalMaxPooling2d } from './global-max-pooling2d';
import { inputLayer } from './input-layer';
import { layerNormalization } from './layer-normalization';
import { leakyRelu } from './leaky-relu';
import { maxPooling2d } from './max-pooling2d';
import { maximum } from './maximum';
import { minimum } from './minimum';
import { multiply } from './multiply';
import { prelu } from './prelu';
import { relu } from './relu';
import { reshape } from './reshape';
import { separableConv2d } from './separable-conv2d';
import { softmax } from './softmax';
import { thresholdedRelu } from './thresholded-relu';
import type { LayerConverter } from './types';

/** Every exportable tfjs layer class. Adding one: a new file and one line here. */
const CONVERTERS: LayerConverter[] = [
  inputLayer,
  dense,
  conv2d,
  depthwiseConv2d,
  separableConv2d,
  maxPooling2d,
  averagePooling2d,
  globalAveragePooling2d,
  globalMaxPooling2d,
  flatten,
  reshape,
  dropout,
  batchNormalization,
  layerNormalization,
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
];

const BY_CLASS = new Map(CONVERTERS.map((c) => [c.className, c]));

export const SUPPORTED_LAYER_CLASSES: readonly string[] = CONVERTERS.map((c) => c.className).sort();

export function converterFor(className: string): LayerConverter | undefined {
  return BY_CLASS.get(className);
}
