/**
 * TensorBoard's scalar smoothing: an exponential moving average with its start-up bias removed.
 * A plain EMA that starts at 0 drags the first points towards 0; dividing by `1 − w^n` (n = the
 * finite points seen so far) makes the first smoothed point equal the first value and every point
 * a proper weighted mean of the values before it. Non-finite values pass through unsmoothed and
 * do not enter the average (as in TensorBoard). `weight` is in [0, 1): 0 = no smoothing.
 */
export function emaSmooth(values: ArrayLike<number>, weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${weight}`);
  const out = new Array<number>(values.length);
  if (weight === 0 || isConstant(values)) {
    for (let i = 0; i < values.length; i++) out[i] = values[i];
    return out;
  }
  let last = 0;
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    seen++;
    out[i] = last / (1 - Math.pow(weight, seen));
  }
  return out;
}

/** A constant series stays exactly constant (the debiased EMA would add rounding noise to it). */
function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}

/** The slider's 0…0.99 range (TensorBoard's); 0.999 and up flattens any line to its start. */
export const SMOOTHING_MAX = 0.99;
