/**
 * Byte-pair encoding (Sennrich et al. 2016), trained on the data in the kernel: words are split
 * into characters (the first marked with "▁", as SentencePiece does, so "▁the" and "the" inside a
 * word differ), then the most frequent adjacent pair is merged into a new token until the
 * vocabulary is full. Pure code (no tfjs, no DOM): tested in Node, run in the worker.
 */

export const PAD_ID = 0;
export const UNK_ID = 1;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]'];
const WORD_START = '▁';
/** Lowercased words of letters/digits, or one punctuation mark; longer runs are cut here. */
const WORD_PATTERN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const MAX_WORD_CHARS = 24;

export interface BpeOptions {
  /** Tokens in all: 2 special, the characters, then merges (default 1000). */
  vocabSize?: number;
  /** Characters and pairs seen fewer times than this are not learned (default 2). */
  minFrequency?: number;
}

export interface BpeModel {
  /** id → token; [PAD] = 0, [UNK] = 1. */
  vocab: string[];
  /** Merges in the order learned (rank = index): each pair of tokens became their concatenation. */
  merges: [string, string][];
}

/** Words of a text as the tokenizer sees them: lowercased, split at spaces and punctuation. */
export function preTokenize(text: string): string[] {
  return (text.toLowerCase().match(WORD_PATTERN) ?? []).map((w) => w.slice(0, MAX_WORD_CHARS));
}

function wordSymbols(word: string): string[] {
  const chars = Array.from(word);
  chars[0] = WORD_START + chars[0];
  return chars;
}

const pairKey = (a: number, b: number) => a * 0x10000 + b;

/** Learns a BPE vocabulary from `texts`. */
export function trainBpe(texts: readonly string[], options: BpeOptions = {}): BpeTokenizer {
  const { vocabSize = 1000, minFrequency = 2 } = options;
  if (!Number.isInteger(vocabSize) || vocabSize < 8 || vocabSize > 0xffff) throw new RangeError(`trainBpe: vocabSize must be an integer in [8, 65535], got ${vocabSize}`);
  const wordFreq = new Map<string, number>();
  for (const text of texts) for (const w of preTokenize(text)) wordFreq.set(w, (wordFreq.get(w) ?? 0) + 1);

  const charFreq = new Map<string, number>();
  for (const [w, f] of wordFreq) for (const s of wordSymbols(w)) charFreq.set(s, (charFreq.get(s) ?? 0) + f);
  const vocab = [...SPECIAL_TOKENS, ...[...charFreq].filter(([, f]) => f >= minFrequency).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s)].slice(0, vocabSize);
  const idOf = new Map(vocab.map((t, i) => [t, i]));

  // Words as token-id arrays (words with an unknown character cannot merge through it: UNK).
  const words: number[][] = [];
  const freqs: number[] = [];
  for (const [w, f] of wordFreq) {
    words.push(wordSymbols(w).map((s) => idOf.get(s) ?? UNK_ID));
    freqs.push(f);
  }
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPairs = (wi: number, sign: 1 | -1) => {
    const w = words[wi];
    for (let i = 0; i + 1 < w.length; i++) {
      if (w[i] === UNK_ID || w[i + 1] === UNK_ID) continue;
      const key = pairKey(w[i], w[i + 1]);
      pairCount.set(key, (pairCount.get(key) ?? 0) + sign * freqs[wi]);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, (set = new Set()));
        set.add(wi);
      }
    }
  };
  words.forEach((_, wi) => addPairs(wi, 1));

  const merges: [string, string][] = [];
  while (vocab.length < vocabSize) {
    let best = -1;
    let bestCount = minFrequency - 1;
    for (const [key, count] of pairCount) if (count > bestCount || (count === bestCount && key < best)) [best, bestCount] = [key, count];
    if (best < 0) break;
    const a = Math.floor(best / 0x10000);
    const b = best % 0x10000;
    const merged = vocab.length;
    vocab.push(vocab[a] + vocab[b]);
    merges.push([vocab[a], vocab[b]]);
    for (const wi of pairWords.get(best) ?? []) {
      addPairs(wi, -1);
      words[wi] = mergePair(words[wi], a, b, merged);
      addPairs(wi, 1);
    }
    pairCount.delete(best);
    pairWords.delete(best);
  }
  return new BpeTokenizer({ vocab, merges });
}

function mergePair(w: number[], a: number, b: number, merged: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < w.length; i++) {
    if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
      out.push(merged);
      i++;
    } else out.push(w[i]);
  }
  return out;
}

/** A trained vocabulary: text → token ids, applying merges in the order they were learned. */
export class BpeTokenizer {
  readonly vocab: readonly string[];
  readonly merges: readonly [string, string][];
  private readonly idOf: Map<string, number>;
  private readonly rank: Map<string, number>;
  private readonly cache = new Map<string, number[]>();

  constructor(model: BpeModel) {
    this.vocab = model.vocab;
    this.merges = model.merges;
    this.idOf = new Map(model.vocab.map((t, i) => [t, i]));
    this.rank = new Map(model.merges.map(([a, b], i) => [`${a}\u0000${b}`, i]));
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  /** Token ids of a text (no padding). */
  encode(text: string): number[] {
    return preTokenize(text).flatMap((w) => this.encodeWord(w));
  }

  /** The tokens of a text as strings ("▁free", "dom"), for display. */
  tokens(text: string): string[] {
    return this.encode(text).map((id) => this.vocab[id]);
  }

  /** Ids of `texts` as one [texts.length × length] row-major array: cut at `length`, padded with [PAD] (0). */
  encodeBatch(texts: readonly string[], length: number): Int32Array {
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`encodeBatch: length must be a positive integer, got ${length}`);
    const out = new Int32Array(texts.length * length);
    texts.forEach((t, i) => out.set(this.encode(t).slice(0, length), i * length));
    return out;
  }

  /** Bag of words: [texts.length × vocabSize], 1 where a token occurs in the text (no [PAD]/[UNK]). */
  bagOfWords(texts: readonly string[]): Float32Array {
    const v = this.vocabSize;
    const out = new Float32Array(texts.length * v);
    texts.forEach((t, i) => {
      for (const id of this.encode(t)) if (id > UNK_ID) out[i * v + id] = 1;
    });
    return out;
  }

  toJSON(): BpeModel {
    return { vocab: [...this.vocab], merges: this.merges.map(([a, b]) => [a, b]) };
  }

  private encodeWord(word: string): number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    let symbols = wordSymbols(word);
    for (;;) {
      let bestRank = Infinity;
      let at = -1;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const r = this.rank.get(`${symbols[i]}\u0000${symbols[i + 1]}`);
        if (r !== undefined && r < bestRank) [bestRank, at] = [r, i];
      }
      if (at < 0) break;
      symbols = [...symbols.slice(0, at), symbols[at] + symbols[at + 1], ...symbols.slice(at + 2)];
    }
    const ids = symbols.map((s) => this.idOf.get(s) ?? UNK_ID);
    if (this.cache.size < 100_000) this.cache.set(word, ids);
    return ids;
  }
}
