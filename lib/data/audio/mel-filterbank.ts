/**
 * A mel filterbank as a matrix (HTK mel scale, triangular filters, as TensorFlow's
 * tf.signal.linear_to_mel_weight_matrix builds it): [numSpectrogramBins × numMelBins],
 * row-major, so a power spectrogram [frames × bins] times it gives [frames × mels].
 */

const hzToMel = (hz: number) => 1127 * Math.log(1 + hz / 700);

export interface MelOptions {
  numMelBins: number;
  /** fftLength / 2 + 1. */
  numSpectrogramBins: number;
  sampleRate: number;
  lowerHz?: number;
  upperHz?: number;
}

export function melFilterbank({ numMelBins, numSpectrogramBins, sampleRate, lowerHz = 20, upperHz = sampleRate / 2 }: MelOptions): Float32Array {
  if (!(lowerHz >= 0 && upperHz > lowerHz && upperHz <= sampleRate / 2)) throw new RangeError(`mel: need 0 ≤ lowerHz < upperHz ≤ ${sampleRate / 2}, got ${lowerHz}..${upperHz}`);
  const matrix = new Float32Array(numSpectrogramBins * numMelBins);
  const lowMel = hzToMel(lowerHz);
  const highMel = hzToMel(upperHz);
  // numMelBins + 2 equally spaced mel points: each filter rises from one to the next and falls to the one after.
  const edges = Array.from({ length: numMelBins + 2 }, (_, i) => lowMel + ((highMel - lowMel) * i) / (numMelBins + 1));
  for (let bin = 1; bin < numSpectrogramBins; bin++) {
    // Bin 0 (DC) carries no speech: its row stays zero, as in TensorFlow.
    const mel = hzToMel((bin * sampleRate) / 2 / (numSpectrogramBins - 1));
    for (let m = 0; m < numMelBins; m++) {
      const [left, center, right] = [edges[m], edges[m + 1], edges[m + 2]];
      const weight = Math.max(0, Math.min((mel - left) / (center - left), (right - mel) / (right - center)));
      matrix[bin * numMelBins + m] = weight;
    }
  }
  return matrix;
}
