/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createBench } from '../bench/create-bench';
import { openIdbRunStore } from '../track/idb-store';
import { describeAdapter, precheckBackend } from '../kernel/browser-backends';
import { createKernelHost } from '../kernel/kernel-host';
import { WASM_DIR, makeWasmThreadsBundleSafe } from '../kernel/wasm-threads';
import type { KernelRequest, WorkerMessage } from '../kernel/protocol';

/**
 * Kernel worker entry: one per notebook. The composition root: the one module that wires the
 * kernel host (lib/kernel) to the `bench` API (lib/bench), so lib/bench may depend on lib/kernel
 * and never the other way round. No DOM, no React. The message listener is attached
 * synchronously so an `init` posted right after `new Worker` is never missed, and through
 * addEventListener so a cell assigning `onmessage` cannot cut the kernel off.
 */
declare const self: DedicatedWorkerGlobalScope;

// Served from public/tfjs-wasm/ (copied there by scripts/copy-wasm.mjs).
setWasmPaths(WASM_DIR);
makeWasmThreadsBundleSafe(self.location.origin);

const post = self.postMessage.bind(self) as (message: WorkerMessage) => void;
const host = createKernelHost({
  tf,
  post,
  openStore: () => openIdbRunStore(),
  createGlobals: (session) => ({ bench: createBench(session) }),
  browser: self.navigator.userAgent,
  describeAdapter,
  precheck: precheckBackend,
  routeGlobalConsole: true,
});

self.addEventListener('message', (event: MessageEvent<KernelRequest>) => host.handle(event.data));

// A promise a cell forgot to await must not vanish silently, nor kill the kernel.
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const reason = event.reason instanceof Error ? `${event.reason.name}: ${event.reason.message}` : String(event.reason);
  post({ kind: 'events', events: [{ type: 'log', level: 'error', message: `Unhandled promise rejection in the kernel: ${reason}` }] });
});
