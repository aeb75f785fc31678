import * as threadedSimdModule from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';

// The CommonJS glue's export, found the way tfjs-backend-wasm's own backend_wasm.js finds it.
const wasmFactoryThreadedSimd: object =
  (threadedSimdModule as unknown as { default?: object }).default ?? (threadedSimdModule as unknown as object);

/** Where scripts/copy-wasm.mjs puts the wasm binaries and the threaded backend's emscripten glue. */
export const WASM_DIR = '/tfjs-wasm/';
export const THREADED_GLUE_FILE = 'tfjs-backend-wasm-threaded-simd.js';

/**
 * Makes tfjs-backend-wasm's threaded build start from a minified bundle.
 *
 * To start its pthread workers, tfjs-backend-wasm hands each one a Blob holding
 * `var WasmBackendModuleThreadedSimd = ` + `wasmFactoryThreadedSimd.toString()`, i.e. the source
 * text of the emscripten factory as *our bundle* compiled it. A production bundler hoists what
 * that function uses out of it (Turbopack turns its `process` reference into a module-level import
 * named `a`, its `_scriptDir` into `n`), so in the pthread worker the text refers to variables
 * that do not exist: `ReferenceError: a is not defined`, the pthreads die and the backend never
 * finishes initialising. Dev builds keep the function self-contained, which is why only the
 * production build broke.
 *
 * The fix gives that one function object a `toString` that loads the untouched emscripten glue,
 * served as a static file, inside the pthread worker: the blob then reads
 * `var WasmBackendModuleThreadedSimd = (importScripts(url), WasmBackendModuleThreadedSimd)`. The
 * glue is copied from the installed package at install time, so it always matches the binary.
 * This module resolves to the very module tfjs-backend-wasm imports, so the object is the same.
 */
export function makeWasmThreadsBundleSafe(origin: string): void {
  const url = new URL(`${WASM_DIR}${THREADED_GLUE_FILE}`, origin).href;
  const source = pthreadFactorySource(url);
  Object.defineProperty(wasmFactoryThreadedSimd, 'toString', { value: () => source, configurable: true });
}

/**
 * The expression a pthread worker evaluates to get the factory. Blob workers have a `blob:` base
 * URL, so the glue's URL must be absolute.
 */
export function pthreadFactorySource(glueUrl: string): string {
  return `(importScripts(${JSON.stringify(glueUrl)}), WasmBackendModuleThreadedSimd)`;
}
