import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;
interface TensorInfo {
  dataId: object;
  shape: number[];
  dtype: string;
}

/**
 * TensorFlow.js's wasm backend ships Conv2D, Conv2DBackpropInput and Conv3DBackpropFilterV2 but
 * not Conv2DBackpropFilter, so convolutional nets cannot train on it. A 2-D convolution is a 3-D
 * one with depth 1, and NHWC data has the same bytes as NDHWC with D = 1: the missing kernel is
 * the existing 3-D one called on the same buffers with a depth axis added to the shapes.
 * Handles NHWC, stride 1, 'same'/'valid' padding (tf.layers.conv2d's defaults). The wasm 3-D
 * kernel disagrees with the cpu backend for strides > 1 (measured: errors of 0.4–3), so strided
 * convolutions throw here and `wasmCanTrain` sends such models to the cpu backend.
 */
export function registerWasmConv2dBackpropFilter(tf: Tf): boolean {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')) return true;
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3d) return false;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as unknown as { x: TensorInfo; dy: TensorInfo };
      const { strides, pad, dataFormat, filterShape } = attrs as unknown as tfType.Conv2DBackpropFilterAttrs;
      if (dataFormat !== 'NHWC') throw new Error(`wasm Conv2DBackpropFilter supports NHWC only, got ${dataFormat}`);
      if (pad !== 'same' && pad !== 'valid') throw new Error(`wasm Conv2DBackpropFilter supports 'same' or 'valid' padding only, got ${JSON.stringify(pad)}`);
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      if (sh !== 1 || sw !== 1) throw new Error(`wasm Conv2DBackpropFilter supports stride 1 only, got [${sh}, ${sw}]`);
      const [n, h, w, c] = x.shape;
      const [, oh, ow, f] = dy.shape;
      const [fh, fw] = filterShape;
      const dw = conv3d.kernelFunc({
        inputs: {
          x: { dataId: x.dataId, shape: [n, 1, h, w, c], dtype: x.dtype },
          dy: { dataId: dy.dataId, shape: [n, 1, oh, ow, f], dtype: dy.dtype },
        } as never,
        backend,
        attrs: { strides: [1, sh, sw], pad, filterShape: [1, fh, fw, c, f] } as never,
      }) as TensorInfo;
      return { dataId: dw.dataId, shape: [fh, fw, c, f], dtype: dw.dtype } as never;
    },
  });
  return true;
}

/** Layer classes whose gradients the wasm backend (plus the kernel above) computes correctly. */
const WASM_TRAINABLE_CONV = new Set(['Conv2D']);

/**
 * Whether `model` can train on wasm: no convolution other than stride-1 Conv2D, and the filter
 * gradient kernel above is registered. Returns the reason when it cannot.
 */
export function wasmCanTrain(tf: Tf, model: tfType.LayersModel): { ok: true } | { ok: false; reason: string } {
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (!/Conv/i.test(className)) continue;
    if (!WASM_TRAINABLE_CONV.has(className)) return { ok: false, reason: `${className} layers have no gradient kernels on wasm` };
    if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) return { ok: false, reason: 'TensorFlow.js has no Conv2D filter-gradient kernel on wasm' };
    const config = layer.getConfig() as { strides?: number | number[] };
    const strides = Array.isArray(config.strides) ? config.strides : [config.strides ?? 1];
    if (strides.some((s) => s !== 1)) return { ok: false, reason: `layer ${layer.name} uses strides [${strides.join(', ')}]; wasm trains stride-1 convolutions only` };
  }
  return { ok: true };
}
