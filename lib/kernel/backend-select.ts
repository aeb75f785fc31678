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
  /** Why a backend is known not to work before trying it (e.g. no navigator.gpu). */
  precheck?: (backend: BackendName) => string | null;
}

/**
 * Tries backends in order (or only the forced one) and keeps the first that initialises and
 * passes the self-test. `tf.setBackend` *resolves false* on failure rather than throwing, so the
 * result is checked. Throws only if nothing works, which cannot happen while cpu is registered.
 */
export async function selectBackend({ tf, choice, describeAdapter, precheck }: SelectBackendOptions): Promise<KernelInfo> {
  const candidates = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: KernelInfo['skipped'] = [];
  for (const backend of candidates) {
    const reason = await tryBackend(tf, backend, precheck);
    if (reason === null) {
      const adapter = describeAdapter ? await describeAdapter(backend).catch(() => null) : null;
      return { backend, adapter, tfjsVersion: tf.version.tfjs, skipped };
    }
    skipped.push({ backend, reason });
  }
  const why = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new Error(choice === 'auto' ? `no TensorFlow.js backend works here (${why})` : `backend "${choice}" is not usable here (${why})`);
}

async function tryBackend(tf: Tf, backend: BackendName, precheck: SelectBackendOptions['precheck']): Promise<string | null> {
  const known = precheck?.(backend);
  if (known) return known;
  if (!tf.findBackendFactory(backend)) return 'not registered in this build';
  try {
    const ok = await tf.setBackend(backend);
    if (!ok) return `tf.setBackend('${backend}') resolved false (initialisation failed)`;
    await tf.ready();
    await selfTest(tf);
    return null;
  } catch (error) {
    // Leave the broken backend so later candidates start clean.
    try {
      tf.removeBackend(backend);
    } catch {
      // Already gone.
    }
    return `self-test failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
