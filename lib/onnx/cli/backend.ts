import * as tf from '@tensorflow/tfjs';

/**
 * The fastest tfjs backend this Node process has for the reference predictions: wasm (XNNPACK,
 * SIMD) runs InceptionV3 about two orders of magnitude faster than the pure-JS cpu backend (issue
 * 14: ~50 s per image on cpu). tfjs-node cannot install here. Falls back to cpu, saying why.
 */
export async function startFastestBackend(): Promise<{ backend: string; note: string | null }> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) return { backend: 'wasm', note: null };
    throw new Error('tf.setBackend("wasm") returned false');
  } catch (e) {
    await tf.setBackend('cpu');
    return { backend: 'cpu', note: `tfjs reference on the cpu backend (slow): the wasm backend did not start (${e instanceof Error ? e.message : String(e)})` };
  }
}
