import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { candidatesFor, selectBackend } from '@/lib/kernel/backend-select';

/** Backends this file registers under real names, removed after each test. */
const registered: string[] = [];
function register(name: string, factory: () => unknown) {
  tf.registerBackend(name, factory as never, 1);
  registered.push(name);
}
afterEach(() => {
  for (const name of registered.splice(0)) if (tf.findBackendFactory(name)) tf.removeBackend(name);
});

describe('selectBackend (real tfjs, cpu in Node)', () => {
  it('a forced backend that fails falls through the later ones to cpu, saying why each failed', async () => {
    const info = await selectBackend({ tf, choice: 'webgl' });
    expect(info).toMatchObject({ backend: 'cpu', requested: 'webgl' });
    expect(info.skipped).toEqual([
      { backend: 'webgl', reason: 'not registered in this build', unavailable: true },
      { backend: 'wasm', reason: 'not registered in this build', unavailable: true },
    ]);
  });

  it('a backend whose initialisation never settles is given up after timeoutMs, and tf is usable after it', async () => {
    register('wasm', () => new Promise(() => undefined));
    const tried: string[] = [];
    const started = Date.now();
    const info = await selectBackend({ tf, choice: 'wasm', timeoutMs: 100, onTry: (b) => tried.push(b) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(tried).toEqual(['wasm', 'cpu']);
    expect(info).toMatchObject({ backend: 'cpu', skipped: [{ backend: 'wasm', reason: 'did not start within 100 ms', unavailable: false }] });
    // The hung initialisation must not leave tf.ready() waiting on it.
    await tf.ready();
    expect(tf.getBackend()).toBe('cpu');
  });

  it('a backend whose factory throws is failed (not unavailable); a precheck verdict is unavailable', async () => {
    register('wasm', () => {
      throw new Error('pthread died');
    });
    const info = await selectBackend({ tf, choice: 'auto', precheck: async (b) => (b === 'webgpu' ? 'no WebGPU adapter' : null) });
    expect(info.skipped).toEqual([
      { backend: 'webgpu', reason: 'no WebGPU adapter', unavailable: true },
      { backend: 'webgl', reason: 'not registered in this build', unavailable: true },
      { backend: 'wasm', reason: "tf.setBackend('wasm') resolved false (initialisation failed)", unavailable: false },
    ]);
    expect(info.backend).toBe('cpu');
  });

  it('candidates: auto is every backend; a forced one starts there', () => {
    expect(candidatesFor('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(candidatesFor('webgl')).toEqual(['webgl', 'wasm', 'cpu']);
    expect(candidatesFor('cpu')).toEqual(['cpu']);
  });
});
