/**
 * Speech clips → the fixed-length input the keyword model takes: resampled to SPEECH_RATE and cut
 * (or zero-padded) to one second around the loudest part, so a word recorded with silence
 * before or after it lands in the window.
 */

export const SPEECH_RATE = 8000;
export const CLIP_SAMPLES = SPEECH_RATE;

/** Linear-interpolation resampling, with a box average first when shrinking (a cheap anti-alias). */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples;
  const ratio = fromRate / toRate;
  const out = new Float32Array(Math.max(1, Math.round(samples.length / ratio)));
  const half = ratio > 1 ? Math.floor(ratio / 2) : 0;
  for (let i = 0; i < out.length; i++) {
    const pos = i * ratio;
    const left = Math.floor(pos);
    let value = 0;
    let count = 0;
    for (let k = left - half; k <= left + half; k++) {
      if (k < 0 || k >= samples.length) continue;
      const next = Math.min(k + 1, samples.length - 1);
      value += samples[k] + (samples[next] - samples[k]) * (pos - left);
      count++;
    }
    out[i] = count ? value / count : 0;
  }
  return out;
}

/** Exactly `length` samples: the window of that length with the most energy, zero-padded when shorter. */
export function fitClip(samples: Float32Array, length = CLIP_SAMPLES): Float32Array {
  const out = new Float32Array(length);
  if (samples.length <= length) {
    out.set(samples, Math.floor((length - samples.length) / 2));
    return out;
  }
  let energy = 0;
  for (let i = 0; i < length; i++) energy += samples[i] ** 2;
  let best = energy;
  let bestStart = 0;
  for (let start = 1; start + length <= samples.length; start++) {
    energy += samples[start + length - 1] ** 2 - samples[start - 1] ** 2;
    if (energy > best) {
      best = energy;
      bestStart = start;
    }
  }
  out.set(samples.subarray(bestStart, bestStart + length));
  return out;
}
