import type * as tfType from '@tensorflow/tfjs';
import type { BackendName } from '../track/schemas';
import type { BackendChoice, KernelInfo } from './protocol';

type Tf = typeof tfType;

/** Fastest first on real GPUs; each must pass the self-test before it is used. */
export const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * A matMul and a gradient, checked against known values: a backend that initialises but computes
 * wrongly (a broken driver, a missing kernel) is passed over instead of training garbage.
 */
export async function selfTest(tf: Tf): Promise<void> {
  const [product, gradient] = tf.tidy(() => {
    const a = tf.tensor2d([[1, 2], [3, 4]]);
    const b = tf.tensor2d([[5, 6], [7, 8]]);
    const grad = tf.grad((x: tfType.Tensor) => x.square().sum())(tf.tensor1d([1, -2, 3]));
    return [a.matMul(b), grad];
  });
  try {
    const [p, g] = await Promise.all([product.data(), gradient.data()]);
    expectClose(Array.from(p), [19, 22, 43, 50], 'matMul');
    expectClose(Array.from(g), [2, -4, 6], 'gradient of sum(x²)');
  } finally {
    product.dispose();
    gradient.dispose();
  }
}

function expectClose(actual: number[], expected: number[], what: string): void {
  const ok = actual.length === expected.length && actual.every((v, i) => Math.abs(v - expected[i]) < 1e-3);
  if (!ok) throw new Error(`${what} gave [${actual.join(', ')}], expected [${expected.join(', ')}]`);
}

export interface SelectBackendOptions {
  tf: Tf;
  choice: BackendChoice;
  /** Describes the GPU adapter of the chosen backend, when there is one (browser only). */
  describeAdapter?: (backend: BackendName) => Promise<string | null>;
  /** Why a backend is known not to exist here before trying it (e.g. no WebGPU adapter). */
  precheck?: (backend: BackendName) => Promise<string | null> | string | null;
  /** How long one backend may take to initialise and pass its self-test (ms). */
  timeoutMs?: number;
  /** Called as each backend is tried, so the client knows which one a dying worker was starting. */
  onTry?: (backend: BackendName) => void;
}

/** A backend that hangs while initialising (a dead pthread, a lost GPU) is given up after this. */
export const BACKEND_START_TIMEOUT_MS = 30_000;

/**
 * The backends to try for a choice: all of them in order for `auto`; for a forced backend, that
 * one and then the ones after it, so a forced backend that fails still leaves a working kernel
 * (and the UI says which one failed and why).
 */
export function candidatesFor(choice: BackendChoice): readonly BackendName[] {
  return choice === 'auto' ? AUTO_ORDER : AUTO_ORDER.slice(AUTO_ORDER.indexOf(choice));
}

/** The backend after `backend` in AUTO_ORDER, or null after cpu. */
export function nextBackend(backend: BackendName): BackendName | null {
  return AUTO_ORDER[AUTO_ORDER.indexOf(backend) + 1] ?? null;
}

/**
 * Tries the candidates in order and keeps the first that initialises and passes the self-test.
 * `tf.setBackend` *resolves false* on failure rather than throwing, so the result is checked.
 * Throws only if nothing works, which cannot happen while cpu is registered.
 */
export async function selectBackend(options: SelectBackendOptions): Promise<KernelInfo> {
  const { tf, choice, describeAdapter, onTry } = options;
  const skipped: KernelInfo['skipped'] = [];
  for (const backend of candidatesFor(choice)) {
    onTry?.(backend);
    const verdict = await tryBackend(tf, backend, options);
    if (verdict === null) {
      const adapter = describeAdapter ? await describeAdapter(backend).catch(() => null) : null;
      return { backend, requested: choice, adapter, tfjsVersion: tf.version.tfjs, skipped };
    }
    skipped.push({ backend, ...verdict });
  }
  const why = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new Error(`no TensorFlow.js backend works here (${why})`);
}

type Verdict = { reason: string; unavailable: boolean } | null;

async function tryBackend(tf: Tf, backend: BackendName, options: SelectBackendOptions): Promise<Verdict> {
  const known = await options.precheck?.(backend);
  if (known) return { reason: known, unavailable: true };
  if (!tf.findBackendFactory(backend)) return { reason: 'not registered in this build', unavailable: true };
  const timeoutMs = options.timeoutMs ?? BACKEND_START_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`did not start within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}`), timeoutMs);
  });
  try {
    const failure = await Promise.race([initialise(tf, backend), timedOut]);
    if (failure === null) return null;
    removeQuietly(tf, backend);
    return { reason: failure, unavailable: false };
  } finally {
    clearTimeout(timer);
  }
}

/** Null when the backend works, else why not. */
async function initialise(tf: Tf, backend: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(backend);
    if (!ok) return `tf.setBackend('${backend}') resolved false (initialisation failed)`;
    await tf.ready();
    await selfTest(tf);
    return null;
  } catch (error) {
    return `self-test failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Leaves a broken or hung backend so later candidates start clean: removing the active backend
 * also drops tfjs's pending initialisation, which `tf.ready()` would otherwise wait on forever.
 */
function removeQuietly(tf: Tf, backend: BackendName): void {
  try {
    tf.removeBackend(backend);
  } catch {
    // Already gone.
  }
}
