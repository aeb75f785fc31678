/**
 * RIFF/WAVE, PCM 16-bit (and 8-bit, 32-bit float) mono or multi-channel: the shipped spoken words
 * are 16-bit mono WAVs, decoded here in the worker and in Node alike (no AudioContext needed).
 */

export interface DecodedAudio {
  sampleRate: number;
  /** Mono samples in [-1, 1] (channels averaged). */
  samples: Float32Array;
}

export function decodeWav(bytes: Uint8Array): DecodedAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    // Streams written to stdout (espeak-ng --stdout) carry 0xFFFFFFFF sizes: read to the end.
    const size = Math.min(view.getUint32(at + 4, true), bytes.length - at - 8);
    if (id === 'fmt ') format = { code: view.getUint16(at + 8, true), channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), bits: view.getUint16(at + 22, true) };
    if (id === 'data') {
      if (!format) throw new Error('WAV data before its format chunk');
      return { sampleRate: format.sampleRate, samples: toMono(bytes.subarray(at + 8, at + 8 + size), format) };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

function toMono(data: Uint8Array, format: { code: number; channels: number; bits: number }): Float32Array {
  const { code, channels, bits } = format;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = bits / 8;
  const frames = Math.floor(data.length / (width * channels));
  const read =
    code === 1 && bits === 16 ? (i: number) => view.getInt16(i * 2, true) / 32768
    : code === 1 && bits === 8 ? (i: number) => (data[i] - 128) / 128
    : code === 3 && bits === 32 ? (i: number) => view.getFloat32(i * 4, true)
    : null;
  if (!read) throw new Error(`WAV format ${code} with ${bits}-bit samples is not read here (PCM 8/16-bit or float 32-bit)`);
  const out = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(f * channels + c);
    out[f] = sum / channels;
  }
  return out;
}

/** Mono samples → a 16-bit PCM WAV file. */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => (out[at + i] = ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true));
  return out;
}
