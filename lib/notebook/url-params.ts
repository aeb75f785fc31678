import type { BackendChoice } from '../kernel/protocol';

const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
export { BACKEND_CHOICES };

export function isBackendChoice(value: string | null | undefined): value is BackendChoice {
  return value != null && (BACKEND_CHOICES as readonly string[]).includes(value);
}

export type KernelParamValue = string | number | boolean;

/**
 * Reads `?backend=` and `?param.<name>=<value>` (numbers and true/false are converted, so
 * `?param.epochs=1` reaches cell code as the number 1 in `bench.params.epochs`).
 */
export function parseKernelUrlParams(search: URLSearchParams): {
  backend: BackendChoice | null;
  params: Record<string, KernelParamValue>;
} {
  const backendRaw = search.get('backend');
  const params: Record<string, KernelParamValue> = {};
  for (const [key, value] of search) {
    if (!key.startsWith('param.') || key.length <= 'param.'.length) continue;
    params[key.slice('param.'.length)] = coerceParam(value);
  }
  return { backend: isBackendChoice(backendRaw) ? backendRaw : null, params };
}

export function coerceParam(value: string): KernelParamValue {
  if (value === 'true') return true;
  if (value === 'false') return false;
  const trimmed = value.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return value;
}
