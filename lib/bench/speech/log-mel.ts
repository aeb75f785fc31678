import type * as tfType from '@tensorflow/tfjs';
import { melFilterbank } from '../../data/audio/mel-filterbank';
import type { Tf } from '../../kernel/session';

/** Spectrogram settings at 8 kHz: 32 ms Hann frames every 16 ms, 40 mel bands. */
export const LOG_MEL = { frameLength: 256, frameStep: 128, fftLength: 256, numMelBins: 40 } as const;

/** Clips are zero-padded to a whole number of frame steps, so no frame straddles two clips. */
function paddedLength(clipSamples: number): number {
  return Math.ceil(clipSamples / LOG_MEL.frameStep) * LOG_MEL.frameStep;
}

/** Frames per clip: every frame that lies wholly inside the (padded) clip. */
export function logMelFrames(clipSamples: number): number {
  return (paddedLength(clipSamples) - LOG_MEL.frameLength) / LOG_MEL.frameStep + 1;
}

/**
 * The real DFT as two matrices [fftLength × bins] (cos and −sin): tfjs's cpu FFT kernel runs
 * one small op chain per frame (8.8 s for one clip's 61 frames on this machine), a matrix
 * product runs all frames of all clips at once on every backend.
 */
function dftBases(tf: Tf): [tfType.Tensor2D, tfType.Tensor2D] {
  const { fftLength } = LOG_MEL;
  const bins = fftLength / 2 + 1;
  const cos = new Float32Array(fftLength * bins);
  const sin = new Float32Array(fftLength * bins);
  for (let t = 0; t < fftLength; t++) {
    for (let k = 0; k < bins; k++) {
      const angle = (2 * Math.PI * t * k) / fftLength;
      cos[t * bins + k] = Math.cos(angle);
      sin[t * bins + k] = -Math.sin(angle);
    }
  }
  return [tf.tensor2d(cos, [fftLength, bins]), tf.tensor2d(sin, [fftLength, bins])];
}

/** Sample indices of `count` frames of frameLength every frameStep, row by row. */
function frameIndices(count: number): Int32Array {
  const { frameLength, frameStep } = LOG_MEL;
  const indices = new Int32Array(count * frameLength);
  for (let f = 0; f < count; f++) for (let t = 0; t < frameLength; t++) indices[f * frameLength + t] = f * frameStep + t;
  return indices;
}

/**
 * Clips (equal length) → log-mel spectrograms [n, frames, mels, 1]: the STFT (frames of all
 * clips end to end, tf.signal.hannWindow, the DFT as a matrix product) → power → mel filterbank
 * matrix → log. Each spectrogram is standardized on its
 * own, so a quiet recording and a loud one look alike to the network.
 */
export function logMelSpectrograms(tf: Tf, clips: Float32Array[], sampleRate: number): tfType.Tensor4D {
  const { frameLength, frameStep, fftLength, numMelBins } = LOG_MEL;
  if (clips.length === 0) throw new RangeError('logMelSpectrograms: no clips');
  const clipSamples = clips[0].length;
  if (clips.some((c) => c.length !== clipSamples)) throw new RangeError('logMelSpectrograms: clips must have equal length');
  const padded = paddedLength(clipSamples);
  const stepsPerClip = padded / frameStep;
  const frames = logMelFrames(clipSamples);
  const bins = fftLength / 2 + 1;
  // End to end, plus one step of zeros so the last clip has as many frame starts as the others.
  const signal = new Float32Array(clips.length * padded + frameStep);
  clips.forEach((c, i) => signal.set(c, i * padded));
  return tf.tidy(() => {
    const mel = tf.tensor2d(melFilterbank({ numMelBins, numSpectrogramBins: bins, sampleRate }), [bins, numMelBins]);
    const [cos, sin] = dftBases(tf);
    // Framing as one gather (tf.signal.frame slices frame by frame: thousands of ops for a data set).
    const framed = tf.gather(tf.tensor1d(signal), tf.tensor2d(frameIndices(clips.length * stepsPerClip), [clips.length * stepsPerClip, frameLength], 'int32')) as unknown as tfType.Tensor2D;
    const windowed = tf.mul(framed, tf.signal.hannWindow(frameLength)) as tfType.Tensor2D;
    const real = tf.matMul(windowed, cos);
    const imag = tf.matMul(windowed, sin);
    const power = tf.add(tf.square(real), tf.square(imag)) as tfType.Tensor2D;
    const logMel = tf.log(tf.add(tf.matMul(power, mel), 1e-6));
    // Frame starts run on across clips: keep each clip's first `frames` (the ones wholly inside it).
    const perClip = logMel.reshape([clips.length, stepsPerClip, numMelBins]).slice([0, 0, 0], [clips.length, frames, numMelBins]);
    const { mean, variance } = tf.moments(perClip, [1, 2], true);
    return tf.div(tf.sub(perClip, mean), tf.sqrt(tf.add(variance, 1e-6))).expandDims(-1) as tfType.Tensor4D;
  });
}
