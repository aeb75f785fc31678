import type { Dataset } from '../datasets';
import { CLIP_SAMPLES, fitClip, resample, SPEECH_RATE } from '../../data/audio/fit-clip';
import { decodeWav } from '../../data/audio/wav';
import { openDatasetsDb } from '../../data/dataset-db';
import { sortImageEntries } from '../../data/images/image-entries';
import { unzipEntries } from '../../data/images/zip-entries';
import { createRng, shuffleInPlace } from '../../data/rng';
import { readSampleFile, SAMPLE_FILES } from '../../data/sample-files';
import { sha256Hex } from '../../data/sha256';
import type { Tf } from '../../kernel/session';
import { logMelSpectrograms } from './log-mel';

export interface SpeechDatasetOptions {
  /**
   * 'sample' (default): six words (yes, no, up, down, left, right) synthesized with 6 voices, 2
   * speeds, 2 pitches; 'recorded': the clips recorded on /datasets; 'both'.
   */
  source?: 'sample' | 'recorded' | 'both';
  /** Keep only these words (default: all). */
  words?: string[];
  validationSplit?: number;
  seed?: number;
}

/** Log-mel spectrograms [n, frames, mels, 1] of one-second clips at 8 kHz, one-hot words. */
export interface SpeechDataset extends Dataset {
  speech: { words: string[]; counts: number[]; sampleRate: number };
}

interface Clip {
  label: string;
  samples: Float32Array;
}

/** `bench.datasets.speech`: clips → 8 kHz, one second around the loudest part → log-mel (tf.signal). */
export async function speechDataset(tf: Tf, options: SpeechDatasetOptions = {}): Promise<SpeechDataset> {
  const { source = 'sample', words, validationSplit = 0.2, seed = 1 } = options;
  if (!(validationSplit > 0 && validationSplit < 1)) throw new RangeError(`speech: validationSplit must be in (0, 1), got ${validationSplit}`);
  if (!['sample', 'recorded', 'both'].includes(source)) throw new RangeError(`speech: source must be 'sample', 'recorded' or 'both', got ${JSON.stringify(source)}`);
  let clips = [...(source !== 'recorded' ? await sampleClips() : []), ...(source !== 'sample' ? await recordedClips() : [])];
  if (words) clips = clips.filter((c) => words.includes(c.label));
  const labels = [...new Set(clips.map((c) => c.label))].sort();
  if (labels.length < 2) throw new RangeError(`speech (${source}): ${clips.length} clip(s) of ${labels.length} word(s); need at least 2 words (record some on /datasets)`);
  const order = Int32Array.from({ length: clips.length }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  const ordered = Array.from(order, (i) => clips[i]);
  const validationSize = Math.max(1, Math.round(clips.length * validationSplit));
  const trainSize = clips.length - validationSize;
  if (trainSize < 1) throw new RangeError(`speech: ${clips.length} clips leave no training clips`);
  const digest = await sha256Hex(labels.join('\u001f'), ...ordered.flatMap((c) => [c.label, c.samples]));
  const split = (part: Clip[]) => {
    const y = new Float32Array(part.length * labels.length);
    part.forEach((c, i) => (y[i * labels.length + labels.indexOf(c.label)] = 1));
    return { x: logMelSpectrograms(tf, part.map((c) => c.samples), SPEECH_RATE), y: tf.tensor2d(y, [part.length, labels.length]) };
  };
  const train = split(ordered.slice(0, trainSize));
  const validation = split(ordered.slice(trainSize));
  return {
    train,
    validation,
    fingerprint: `speech:${source}:sha256=${digest.slice(0, 16)}:val=${validationSplit}:seed=${seed}`,
    info: { name: `speech:${source}`, inputShape: train.x.shape.slice(1), numClasses: labels.length, trainSize, validationSize, target: 'one-hot' },
    speech: { words: labels, counts: labels.map((w) => clips.filter((c) => c.label === w).length), sampleRate: SPEECH_RATE },
    dispose: () => [train.x, train.y, validation.x, validation.y].forEach((t) => t.dispose()),
  };
}

async function sampleClips(): Promise<Clip[]> {
  const files = await unzipEntries(await readSampleFile(SAMPLE_FILES.speech));
  const { entries } = sortImageEntries(files.map((f) => ({ path: f.path, source: f.bytes })));
  return entries.map((e) => {
    const { samples, sampleRate } = decodeWav(e.source);
    return { label: e.label, samples: fitClip(resample(samples, sampleRate, SPEECH_RATE), CLIP_SAMPLES) };
  });
}

async function recordedClips(): Promise<Clip[]> {
  const db = await openDatasetsDb();
  try {
    return (await db.getAll('clips'))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((c) => ({ label: c.label, samples: fitClip(resample(c.samples, c.sampleRate, SPEECH_RATE), CLIP_SAMPLES) }));
  } finally {
    db.close();
  }
}
