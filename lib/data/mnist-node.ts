import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setMnistDigitLoaders } from './mnist';

/**
 * Node only (tests, bench scripts): read the mnist package's digit files with fs + JSON.parse,
 * which takes well under a second, instead of through a bundler's JSON transform.
 */
export function readMnistFromDisk(): void {
  const require = createRequire(import.meta.url);
  const dir = require.resolve('mnist/package.json').replace(/package\.json$/, 'src/digits/');
  setMnistDigitLoaders(
    Array.from({ length: 10 }, (_, digit) => async () => JSON.parse(await readFile(`${dir}${digit}.json`, 'utf8')) as { data: number[] }),
  );
}
