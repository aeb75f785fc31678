/**
 * How close an image-to-image model's outputs are to tfjs's: peak signal-to-noise ratio in dB,
 * with the peak taken as the reference's value range (max - min) over all outputs, so a model
 * that emits [0, 1] and one that emits [0, 255] are judged alike. Infinity when identical.
 */
export function psnrDb(reference: Float32Array[], actual: Float32Array[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  let squared = 0;
  let n = 0;
  reference.forEach((ref, o) => {
    const got = actual[o];
    if (!got || got.length !== ref.length) {
      squared = Infinity;
      return;
    }
    for (let i = 0; i < ref.length; i++) {
      const r = ref[i];
      if (r < lo) lo = r;
      if (r > hi) hi = r;
      const d = got[i] - r;
      squared += d * d;
      n++;
    }
  });
  // NaN (a NaN output) and Infinity (a shape mismatch) both mean "not the same image".
  if (!(squared < Infinity)) return -Infinity;
  const mse = n ? squared / n : 0;
  if (mse === 0) return Infinity;
  const peak = hi > lo ? hi - lo : 1;
  return 10 * Math.log10((peak * peak) / mse);
}
