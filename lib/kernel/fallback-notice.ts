import type { KernelInfo } from './protocol';

/**
 * What the notebook says when the kernel is not on the backend the user would expect:
 * "wasm failed to start: <reason>; using cpu". A forced backend that was passed over is always
 * reported; in `auto` mode only backends that exist here and failed are (a browser without WebGPU
 * is normal, a WebGPU that crashes is not). Null when there is nothing to say.
 */
export function fallbackNotice(info: KernelInfo): string | null {
  const failures = info.skipped.filter((s) => info.requested !== 'auto' || !s.unavailable);
  if (failures.length === 0) return null;
  const what = failures.map((s) => `${s.backend} ${s.unavailable ? 'is not available' : 'failed to start'}: ${s.reason}`);
  return `${what.join('; ')}; using ${info.backend}`;
}
