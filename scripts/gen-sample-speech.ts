/**
 * Generates public/datasets/sample-words.zip, the spoken words the keyword-spotting template
 * trains on without a microphone: six words, each synthesized once by espeak-ng with six voices,
 * two speeds and two pitches (24 clips a word), resampled to 8 kHz and cut to one second, as
 * 16-bit WAVs in one folder per word. The zip is committed, so CI needs no espeak-ng.
 * Run (needs `apt-get install espeak-ng`): npx tsx scripts/gen-sample-speech.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { fitClip, resample, SPEECH_RATE } from '../lib/data/audio/fit-clip';
import { decodeWav, encodeWav } from '../lib/data/audio/wav';

export const WORDS = ['yes', 'no', 'up', 'down', 'left', 'right'];
const VOICES = ['en-us+m1', 'en-gb+f2', 'en-gb-scotland+m3', 'en-us+f4', 'en-029+m2', 'en-gb-x-rp+f3'];
const SPEEDS = [140, 175];
const PITCHES = [35, 65];

const files: Record<string, Uint8Array> = {};
for (const word of WORDS) {
  for (const voice of VOICES) {
    for (const speed of SPEEDS) {
      for (const pitch of PITCHES) {
        const wav = execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '--stdout', word]);
        const { samples, sampleRate } = decodeWav(new Uint8Array(wav));
        const clip = fitClip(resample(samples, sampleRate, SPEECH_RATE));
        files[`words/${word}/${voice.replace('+', '-')}-s${speed}-p${pitch}.wav`] = encodeWav(clip, SPEECH_RATE);
      }
    }
  }
}
const zip = zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
const out = path.resolve(import.meta.dirname, '../public/datasets/sample-words.zip');
writeFileSync(out, zip);
console.log(`wrote ${out} (${Object.keys(files).length} clips, ${zip.length} bytes)`);
