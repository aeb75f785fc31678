// Copies TensorFlow.js's wasm binaries to public/tfjs-wasm/, where the kernel worker loads them
// (setWasmPaths('/tfjs-wasm/')), and the threaded build's emscripten glue, which its pthread
// workers load there (see lib/kernel/wasm-threads.ts). Run after install: node scripts/copy-wasm.mjs
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist';
const target = join(root, 'public', 'tfjs-wasm');
mkdirSync(target, { recursive: true });
const files = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
if (files.length === 0) throw new Error(`no .wasm files in ${dist}`);
for (const file of files) copyFileSync(join(dist, file), join(target, file));
const glue = 'tfjs-backend-wasm-threaded-simd.js';
copyFileSync(join(dist, '..', 'wasm-out', glue), join(target, glue));
console.log(`copied ${files.length} wasm files and ${glue} to public/tfjs-wasm/: ${files.join(', ')}`);
