import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { MNIST_URL, setMnistFileReader } from './mnist';

/** The MNIST file as the app serves it, on disk (public/data/mnist.bin.gz). */
export const MNIST_FILE_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public', `.${MNIST_URL}`);

/** Node only (tests, bench scripts, the CLI): read the same binary the browser downloads, from disk. */
export function readMnistFromDisk(): void {
  setMnistFileReader(async () => new Uint8Array(gunzipSync(await readFile(MNIST_FILE_PATH))));
}
