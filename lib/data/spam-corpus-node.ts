import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { setSpamFileReader, SPAM_URL } from './spam-corpus';

/** The corpus file as the app serves it, on disk (public/data/spam-assassin.json.gz). */
export const SPAM_FILE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public', `.${SPAM_URL}`);

/** Node only (tests, scripts): read the same file the browser downloads, from disk. */
export function readSpamFromDisk(): void {
  setSpamFileReader(async () => new Uint8Array(gunzipSync(await readFile(SPAM_FILE_PATH))));
}
