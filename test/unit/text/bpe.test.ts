import { describe, expect, it } from 'vitest';
import { BpeTokenizer, PAD_ID, preTokenize, trainBpe, UNK_ID } from '@/lib/text/bpe';

const texts = ['the cheap pills are cheap', 'cheap cheap offer now', 'the meeting is at noon', 'the offer is cheap'];

describe('BPE tokenizer', () => {
  it('learns the most frequent pairs first until the vocabulary is full, deterministically', () => {
    const a = trainBpe(texts, { vocabSize: 40 });
    const b = trainBpe([...texts], { vocabSize: 40 });
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.vocabSize).toBeLessThanOrEqual(40);
    expect(a.vocab.slice(0, 2)).toEqual(['[PAD]', '[UNK]']);
    // "cheap" (5×) is the most frequent word: it becomes a single token.
    expect(a.tokens('cheap')).toEqual(['▁cheap']);
    // Merges rebuild every learned token from two earlier ones.
    const known = new Set(a.vocab.slice(0, a.vocab.length - a.merges.length));
    for (const [l, r] of a.merges) {
      expect(known.has(l) && known.has(r)).toBe(true);
      known.add(l + r);
    }
  });

  it('encodes a text back to its characters, with [UNK] for unseen characters and padding to a length', () => {
    const tok = trainBpe(texts, { vocabSize: 30, minFrequency: 1 });
    expect(tok.tokens('the offer').join('').replace(/▁/g, ' ').trim()).toBe('the offer');
    expect(tok.encode('qz')).toContain(UNK_ID);
    const batch = tok.encodeBatch(['cheap', 'the meeting is at noon'], 4);
    expect(batch.length).toBe(8);
    expect(Array.from(batch.subarray(1, 4))).toEqual([PAD_ID, PAD_ID, PAD_ID]);
    expect(batch.subarray(4).every((id) => id !== PAD_ID)).toBe(true);
  });

  it('bag of words marks each token a text holds, and a saved tokenizer encodes the same', () => {
    const tok = trainBpe(texts, { vocabSize: 40 });
    const bow = tok.bagOfWords(['cheap', '']);
    expect(bow.length).toBe(2 * tok.vocabSize);
    expect(bow[tok.encode('cheap')[0]]).toBe(1);
    expect(bow.subarray(tok.vocabSize).every((v) => v === 0)).toBe(true);
    const copy = new BpeTokenizer(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(copy.encode('the cheap offer')).toEqual(tok.encode('the cheap offer'));
  });

  it('splits words at punctuation and lowercases; rejects a vocabulary size out of range', () => {
    expect(preTokenize('FREE!!! Click: now')).toEqual(['free', '!', '!', '!', 'click', ':', 'now']);
    expect(() => trainBpe(texts, { vocabSize: 4 })).toThrow(/vocabSize must be an integer in \[8, 65535\], got 4/);
  });
});
