import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../track/schemas';

/** Worker-side facts about backends, read from the browser (no DOM: navigator.gpu and WebGL contexts only). */

interface GpuLike {
  requestAdapter(): Promise<{ info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null>;
}

function gpu(): GpuLike | undefined {
  return (globalThis.navigator as unknown as { gpu?: GpuLike } | undefined)?.gpu;
}

/**
 * Why a backend does not exist here, known without initialising it. Chrome without WebGPU
 * support (e.g. Linux without --enable-unsafe-webgpu) has navigator.gpu but no adapter.
 */
export async function precheckBackend(backend: BackendName): Promise<string | null> {
  if (backend === 'webgpu') {
    const api = gpu();
    if (!api) return 'navigator.gpu is missing (WebGPU is not available in this browser/worker)';
    const adapter = await api.requestAdapter().catch(() => null);
    if (!adapter) return 'no WebGPU adapter (navigator.gpu.requestAdapter() returned null)';
  }
  if (backend === 'webgl' && typeof OffscreenCanvas === 'undefined') return 'OffscreenCanvas is missing, so WebGL cannot run in a worker';
  return null;
}

/** "vendor architecture (description)" of the adapter the backend uses, or null for CPU backends. */
export async function describeAdapter(backend: BackendName): Promise<string | null> {
  if (backend === 'webgpu') {
    const adapter = await gpu()?.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const parts = [info.vendor, info.architecture, info.device, info.description].filter((p) => typeof p === 'string' && p !== '');
    const text = [...new Set(parts)].join(' ') || 'unknown adapter';
    // Chrome moved isFallbackAdapter from the adapter onto adapter.info.
    const fallback = adapter.isFallbackAdapter ?? info.isFallbackAdapter;
    return fallback ? `${text} (fallback adapter)` : text;
  }
  if (backend === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return typeof renderer === 'string' ? renderer : null;
  }
  return null;
}
