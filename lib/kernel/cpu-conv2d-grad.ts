import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;
interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}
interface CpuBackendLike {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array): TensorInfo;
}

/**
 * tfjs's cpu Conv2DBackpropFilter reads every input and gradient element through
 * `TensorBuffer.get` (index arithmetic and bounds checks per element, in the innermost loop): the
 * image template's small CNN spent 98 of 110 s of one epoch there (144 images of 32×32×3, filters
 * 16 and 32). The same sums over the flat NHWC arrays, one gradient row (all output channels)
 * times one input pixel (all input channels) at a time, take about as long as the forward conv.
 * NCHW (never used by tf.layers in the browser) keeps tfjs's own kernel.
 */
export function registerFastCpuConv2dBackpropFilter(tf: Tf): void {
  const tfjsKernel = tf.getKernel('Conv2DBackpropFilter', 'cpu');
  if (!tfjsKernel || FAST_KERNELS.has(tfjsKernel.kernelFunc)) return;
  const kernelFunc: tfType.KernelFunc = (args) => {
    const { inputs, backend, attrs } = args;
    const { x, dy } = inputs as unknown as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tfType.Conv2DBackpropFilterAttrs;
    if (dataFormat !== 'NHWC') return tfjsKernel.kernelFunc(args);
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
    const cpu = backend as unknown as CpuBackendLike;
    return cpu.makeTensorInfo(info.filterShape, 'float32', filterGradient(info, cpu.readSync(x.dataId), cpu.readSync(dy.dataId))) as never;
  };
  FAST_KERNELS.add(kernelFunc);
  tf.unregisterKernel('Conv2DBackpropFilter', 'cpu');
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'cpu', kernelFunc });
}

/** Kernels registered above: registering twice keeps one (and never wraps itself). */
const FAST_KERNELS = new WeakSet<object>();

/** dW[ky, kx, c, f] = Σ over batch and output positions of x[b, y·sh + ky − top, x·sw + kx − left, c] · dy[b, y, x, f]. */
function filterGradient(info: tfType.backend_util.Conv2DInfo, x: ArrayLike<number>, dy: ArrayLike<number>): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: c, outHeight, outWidth, outChannels: f, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const dw = new Float32Array(filterHeight * filterWidth * c * f);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const dyAt = ((b * outHeight + oy) * outWidth + ox) * f;
        for (let ky = 0; ky < filterHeight; ky++) {
          const iy = oy * strideHeight + ky - top;
          if (iy < 0 || iy >= inHeight) continue;
          for (let kx = 0; kx < filterWidth; kx++) {
            const ix = ox * strideWidth + kx - left;
            if (ix < 0 || ix >= inWidth) continue;
            const xAt = ((b * inHeight + iy) * inWidth + ix) * c;
            const dwAt = (ky * filterWidth + kx) * c * f;
            for (let ci = 0; ci < c; ci++) {
              const xv = x[xAt + ci];
              if (xv === 0) continue; // after a ReLU, many inputs are exact zeros
              const row = dwAt + ci * f;
              for (let fi = 0; fi < f; fi++) dw[row + fi] += xv * dy[dyAt + fi];
            }
          }
        }
      }
    }
  }
  return dw;
}
