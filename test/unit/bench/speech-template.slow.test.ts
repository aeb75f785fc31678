import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeKernel } from '@/bench/lib/node-kernel';
import { logMelFrames, logMelSpectrograms, LOG_MEL } from '@/lib/bench/speech/log-mel';
import { speechKwsTemplate } from '@/lib/bench/templates/speech-kws';
import { fitClip, resample } from '@/lib/data/audio/fit-clip';
import { melFilterbank } from '@/lib/data/audio/mel-filterbank';
import { decodeWav, encodeWav } from '@/lib/data/audio/wav';
import type { KernelClient } from '@/lib/kernel/client';
import type { Run } from '@/lib/track/schemas';
import { cellDiagnostics } from './typecheck-cells';

let kernel: KernelClient;
afterEach(() => kernel?.dispose());

describe('speech features', () => {
  it('a pure tone lights the mel band of its frequency, whatever its loudness', async () => {
    await tf.setBackend('cpu');
    const tone = (hz: number, gain: number) => Float32Array.from({ length: 8000 }, (_, i) => gain * Math.sin((2 * Math.PI * hz * i) / 8000));
    const out = logMelSpectrograms(tf, [tone(500, 0.5), tone(2500, 0.5), tone(500, 0.05)], 8000);
    expect(out.shape).toEqual([3, logMelFrames(8000), LOG_MEL.numMelBins, 1]);
    const peak = (tf.argMax(tf.mean(out, [1, 3]), 1).arraySync() as number[]);
    expect(peak[1]).toBeGreaterThan(peak[0]);
    expect(peak[2]).toBe(peak[0]); // standardized per clip: a quieter tone gives the same picture
    out.dispose();
  });

  it('the filterbank is triangular: each mel band peaks once and weights stay in [0, 1]', () => {
    const m = melFilterbank({ numMelBins: 10, numSpectrogramBins: 129, sampleRate: 8000 });
    expect(Math.max(...m)).toBeLessThanOrEqual(1);
    expect(Math.min(...m)).toBeGreaterThanOrEqual(0);
    for (let band = 0; band < 10; band++) expect(Array.from({ length: 129 }, (_, b) => m[b * 10 + band]).some((w) => w > 0.5)).toBe(true);
  });

  it('WAV round trip, resampling length, and one-second windows around the loudest part', () => {
    const samples = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.5);
    const back = decodeWav(encodeWav(samples, 16000));
    expect(back.sampleRate).toBe(16000);
    back.samples.forEach((s, i) => expect(Math.abs(s - samples[i])).toBeLessThan(1e-4));
    expect(resample(new Float32Array(22050), 22050, 8000)).toHaveLength(8000);
    const long = new Float32Array(20000);
    long.fill(0.9, 15000, 15100);
    const fitted = fitClip(long, 8000);
    expect(fitted).toHaveLength(8000);
    expect(fitted.filter((s) => s > 0.5)).toHaveLength(100);
    expect(() => decodeWav(new Uint8Array(20))).toThrow(/not a WAV file/);
  });
});

describe('keyword-spotting template', () => {
  it('type-checks against the bench typings', () => {
    const source = `export async function cells() {\n${speechKwsTemplate.cells.filter((c) => c.type === 'code').map((c) => c.source).join('\n;\n')}\n}\n`;
    expect(cellDiagnostics({ '__speech.ts': source })).toEqual([]);
  }, 60_000);

  it('trains on the shipped words: a finished run with the clips fingerprint, above chance', async () => {
    kernel = createNodeKernel({ params: { epochs: 4 } });
    const texts: string[] = [];
    kernel.onEvent((e) => e.type === 'output' && e.output.type === 'text' && texts.push(e.output.text));
    for (const [i, c] of speechKwsTemplate.cells.entries()) {
      if (c.type !== 'code') continue;
      const reply = await kernel.execute({ cellId: `c${i}`, source: c.source });
      if (!reply.ok) throw new Error(`cell ${i}: ${reply.error.message}`);
    }
    expect(texts.join('\n')).toContain('words: down (24), left (24), no (24), right (24), up (24), yes (24)');
    const listed = await kernel.execute({ cellId: 'list', source: 'console.log(JSON.stringify(await bench.runs()))' });
    if (!listed.ok) throw new Error(listed.error.message);
    const [run] = JSON.parse(texts.at(-1)!) as Run[];
    expect(run).toMatchObject({ name: 'speech-kws', status: 'finished' });
    expect(run.datasetFingerprint).toMatch(/^speech:sample:sha256=[0-9a-f]{16}:val=0.2:seed=1$/);
    expect(run.summary['val/accuracy'].last).toBeGreaterThan(0.4); // 6 words: chance is 1/6
  }, 600_000);
});
