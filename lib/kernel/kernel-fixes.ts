import type * as tfType from '@tensorflow/tfjs';
import { registerFastCpuConv2dBackpropFilter } from './cpu-conv2d-grad';
import { registerFastUnsortedSegmentSum } from './segment-sum';
import { registerFastTileGradient } from './tile-grad';
import { registerWasmConv2dBackpropFilter } from './wasm-conv2d-grad';

/**
 * Kernels and gradients tfjs lacks or computes slowly, registered for every kernel host (the
 * browser worker and the Node kernel alike, so tests and measurements see what users get).
 * Each registration is idempotent; the wasm ones apply once the wasm backend is imported.
 */
export function registerKernelFixes(tf: typeof tfType): void {
  // Lets stride-1 CNNs train on wasm (tfjs ships no Conv2D filter gradient there).
  registerWasmConv2dBackpropFilter(tf);
  // CNNs on cpu: tfjs's filter gradient read each element through TensorBuffer.get (~150× slower).
  registerFastCpuConv2dBackpropFilter(tf);
  // Embedding layers: no UnsortedSegmentSum (the gather gradient) on wasm, a mask per token id on cpu.
  registerFastUnsortedSegmentSum(tf);
  // tf.layers.layerNormalization's tiles: one sum per axis instead of a slice and an add per repetition.
  registerFastTileGradient(tf);
}
