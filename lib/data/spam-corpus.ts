import { fetchBytes, type DownloadProgress } from './fetch-progress';
import { gunzip } from './mnist';
import { createRng, shuffleInPlace } from './rng';
import { sha256Hex } from './sha256';
import { decodeSpamCorpus, type SpamMessages } from './spam-corpus-format';

/** Where the app serves the corpus (gzipped ahead of time, like MNIST: progress counts real bytes). */
export const SPAM_URL = '/data/spam-assassin.json.gz';
/** About the size of the gzipped file, for progress when a server sends no Content-Length. */
const SPAM_GZIP_BYTES_APPROX = 1_100_000;

export type SpamFileReader = (onProgress?: DownloadProgress) => Promise<Uint8Array>;

let cached: Promise<SpamMessages> | null = null;
let readFile: SpamFileReader = async (onProgress) => gunzip(await fetchBytes(SPAM_URL, SPAM_GZIP_BYTES_APPROX, onProgress));

/** Replaces how the file is read (Node reads it from disk: spam-corpus-node.ts). Clears the cache. */
export function setSpamFileReader(next: SpamFileReader): void {
  readFile = next;
  cached = null;
}

/** Every message, loaded once per kernel; `onProgress` sees the download. */
export function loadSpamCorpus(onProgress?: DownloadProgress): Promise<SpamMessages> {
  cached ??= readFile(onProgress).then((bytes) => decodeSpamCorpus(new TextDecoder().decode(bytes)));
  cached.catch(() => {
    cached = null; // a later call retries after a failed load
  });
  return cached;
}

export interface TextSplitPart {
  texts: string[];
  /** 1 = spam, 0 = ham. */
  labels: Uint8Array;
}

export interface SpamSplitOptions {
  /** Messages to train on (default: all but the validation share). */
  trainSize?: number;
  /** Fraction of all messages held out for validation (default 0.2). */
  validationSplit?: number;
  seed?: number;
}

export interface SpamSplit {
  train: TextSplitPart;
  validation: TextSplitPart;
  fingerprint: string;
}

/** A seeded, non-overlapping train/validation split; trainSize trims the training part only. */
export async function splitSpamCorpus(all: SpamMessages, options: SpamSplitOptions = {}): Promise<SpamSplit> {
  const { validationSplit = 0.2, seed = 0 } = options;
  const n = all.texts.length;
  if (!(validationSplit > 0 && validationSplit < 1)) throw new RangeError(`spamAssassin: validationSplit must be in (0, 1), got ${validationSplit}`);
  const validationSize = Math.round(n * validationSplit);
  const trainSize = options.trainSize ?? n - validationSize;
  if (!Number.isInteger(trainSize) || trainSize < 1 || trainSize > n - validationSize) {
    throw new RangeError(`spamAssassin: trainSize must be an integer in [1, ${n - validationSize}] (the corpus has ${n} messages, ${validationSize} held out), got ${trainSize}`);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, createRng(seed));
  const take = (indices: Int32Array): TextSplitPart => ({
    texts: Array.from(indices, (i) => all.texts[i]),
    labels: Uint8Array.from(indices, (i) => all.labels[i]),
  });
  const validation = take(order.subarray(0, validationSize));
  const train = take(order.subarray(validationSize, validationSize + trainSize));
  const digest = await sha256Hex(all.labels, order.subarray(0, validationSize + trainSize), String(n));
  return { train, validation, fingerprint: `${all.source}:train=${trainSize}:val=${validationSplit}:seed=${seed}:sha256=${digest.slice(0, 16)}` };
}
