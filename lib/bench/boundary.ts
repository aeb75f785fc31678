import type * as tfType from '@tensorflow/tfjs';
import type { BoundaryFrame } from '../kernel/protocol';
import type { DataSplit } from './datasets';
import type { Tf } from '../kernel/session';

/** Grid cells per side: 40×40 predictions cost ~1 ms on cpu for a small net. */
export const BOUNDARY_GRID = 40;
const MAX_POINTS = 300;

/**
 * The model's output over a square grid, for 2-D inputs: probability of class 1 for a single
 * sigmoid output, argmax/(k-1) for a softmax over k classes.
 */
export async function boundaryFrame(tf: Tf, options: { runId: string; model: tfType.LayersModel; data: DataSplit; extent: number; size?: number }): Promise<BoundaryFrame> {
  const { runId, model, data, extent } = options;
  const size = options.size ?? BOUNDARY_GRID;
  const grid = tf.tidy(() => {
    const coords = new Float32Array(size * size * 2);
    for (let row = 0; row < size; row++) {
      const y = extent - ((row + 0.5) / size) * 2 * extent;
      for (let col = 0; col < size; col++) {
        const i = (row * size + col) * 2;
        coords[i] = -extent + ((col + 0.5) / size) * 2 * extent;
        coords[i + 1] = y;
      }
    }
    const out = model.predict(tf.tensor2d(coords, [size * size, 2])) as tfType.Tensor;
    const k = out.shape[1] ?? 1;
    return k === 1 ? out.reshape([size * size]) : out.argMax(1).toFloat().div(k - 1);
  });
  const values = (await grid.data()) as Float32Array;
  grid.dispose();
  const n = Math.min(data.x.shape[0], MAX_POINTS);
  const xSlice = data.x.slice([0, 0], [n, 2]);
  const ySlice = data.y.slice([0, 0], [n, -1]);
  const [xs, ys] = await Promise.all([xSlice.data(), ySlice.data()]);
  xSlice.dispose();
  ySlice.dispose();
  const k = data.y.shape[1] ?? 1;
  const points = Array.from({ length: n }, (_, i) => ({ x: xs[i * 2], y: xs[i * 2 + 1], label: k === 1 ? ys[i] : argmax(ys, i * k, k) }));
  return { runId, size, extent: [-extent, extent, -extent, extent], grid: Float32Array.from(values), points };
}

function argmax(values: ArrayLike<number>, offset: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (values[offset + j] > values[offset + best]) best = j;
  return best;
}
