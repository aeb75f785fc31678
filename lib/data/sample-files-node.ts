import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBmp } from './images/bmp';
import { setBytesDecoder } from './images/bytes-decoder';
import { setSampleFileReader } from './sample-files';

const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public');

/** Node only (tests, bench scripts): read the sample files the browser fetches, from public/, and decode their images. */
export function readSamplesFromDisk(): void {
  setSampleFileReader(async (url) => new Uint8Array(await readFile(path.join(PUBLIC_DIR, `.${url}`))));
  // No createImageBitmap in Node: the shipped images are BMPs of the sample's size, read as is.
  setBytesDecoder(async (bytes, side) => {
    const { rgb, width, height } = decodeBmp(bytes);
    if (width !== side || height !== side) throw new Error(`Node reads only ${side}×${side} BMPs, got ${width}×${height}`);
    return rgb;
  });
}
