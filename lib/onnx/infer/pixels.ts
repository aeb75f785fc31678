/**
 * Downsamples a square drawing (RGBA, white strokes on black or any opaque colour on
 * transparent) to the 28×28 grid MNIST uses: the stroke's bounding box is scaled into a 20×20
 * box and centred by its centre of mass, as MNIST's digits were, so a digit drawn anywhere on
 * the pad looks like the training data. Values are 0..1 intensity, row-major.
 */
export const DIGIT_SIDE = 28;

export function rgbaToIntensity(rgba: Uint8ClampedArray, side: number): Float32Array {
  const out = new Float32Array(side * side);
  for (let i = 0; i < out.length; i++) out[i] = (rgba[i * 4 + 3] / 255) * (Math.max(rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]) / 255);
  return out;
}

/** `intensity` is side×side; returns 28×28 (all zeros for an empty drawing). */
export function toMnistDigit(intensity: Float32Array, side: number): Float32Array {
  let top = side, left = side, bottom = -1, right = -1;
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      if (intensity[y * side + x] > 0.05) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  const out = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  if (bottom < 0) return out;
  const boxSide = Math.max(bottom - top + 1, right - left + 1);
  const scale = 20 / boxSide;
  // Area-average the bounding box into a 20×20 patch (placed at an offset fixed below).
  const patch = new Float32Array(20 * 20);
  const counts = new Float32Array(20 * 20);
  for (let y = top; y <= bottom; y++)
    for (let x = left; x <= right; x++) {
      const py = Math.min(19, Math.floor((y - top + (boxSide - (bottom - top + 1)) / 2) * scale));
      const px = Math.min(19, Math.floor((x - left + (boxSide - (right - left + 1)) / 2) * scale));
      patch[py * 20 + px] += intensity[y * side + x];
      counts[py * 20 + px] += 1;
    }
  let mass = 0, cy = 0, cx = 0;
  for (let i = 0; i < patch.length; i++) {
    if (counts[i] > 0) patch[i] = Math.min(1, patch[i] / counts[i]);
    mass += patch[i];
    cy += patch[i] * Math.floor(i / 20);
    cx += patch[i] * (i % 20);
  }
  const oy = Math.round(14 - cy / mass);
  const ox = Math.round(14 - cx / mass);
  for (let y = 0; y < 20; y++)
    for (let x = 0; x < 20; x++) {
      const ty = y + oy, tx = x + ox;
      if (ty >= 0 && ty < DIGIT_SIDE && tx >= 0 && tx < DIGIT_SIDE) out[ty * DIGIT_SIDE + tx] = patch[y * 20 + x];
    }
  return out;
}
