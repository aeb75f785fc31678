/**
 * Rewrites the README's ONNX layer table (between its markers) from the converter registry and
 * the coverage cases: `npm run gen:onnx-layer-table`. layer-coverage.test.ts fails while the
 * README's copy differs, so the table cannot drift from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { layerTable, readmeTable, TABLE_END, TABLE_START } from '../test/unit/onnx/layer-table';

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const file = path.join(import.meta.dirname, '..', 'README.md');
  const readme = readFileSync(file, 'utf8');
  if (readmeTable(readme) === null) throw new Error(`README.md lacks the markers ${TABLE_START} … ${TABLE_END}`);
  const start = readme.indexOf(TABLE_START) + TABLE_START.length;
  const end = readme.indexOf(TABLE_END);
  writeFileSync(file, `${readme.slice(0, start)}\n${await layerTable()}\n${readme.slice(end)}`);
  console.log('README.md: ONNX layer table rewritten');
}

void main();
