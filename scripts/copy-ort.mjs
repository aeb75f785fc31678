#!/usr/bin/env node
// Copies onnxruntime-web's wasm runtime into public/ort/ so the app serves it same-origin
// (the inference page sets ort.env.wasm.wasmPaths = '/ort/'). Run after install (postinstall/CI).
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'node_modules/onnxruntime-web/dist');
const to = path.join(root, 'public/ort');
// jsep = the WebGPU-capable build; the plain one is wasm only (used when WebGPU is absent).
const FILES = ['ort-wasm-simd-threaded.jsep.mjs', 'ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

await mkdir(to, { recursive: true });
for (const name of FILES) {
  const src = path.join(from, name);
  const info = await stat(src).catch(() => null);
  if (!info) {
    console.error(`copy-ort: ${src} is missing; is onnxruntime-web installed?`);
    process.exit(1);
  }
  await copyFile(src, path.join(to, name));
}
console.log(`copy-ort: ${FILES.length} files → ${path.relative(root, to)}/`);
