import type { BackendChoice } from '../kernel/protocol';

const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
export { BACKEND_CHOICES };

export function isBackendChoice(value: string | null | undefined): value is BackendChoice {
  return value != null && (BACKEND_CHOICES as readonly string[]).includes(value);
}

/** As NotebookContext.params carries them. */
export type KernelParamValue = string | number;

/**
 * Reads `?backend=` and `?param.<name>=<value>`; numeric values become numbers, so
 * `?param.epochs=1` reaches `bench.param('epochs', 10)` in cell code as the number 1.
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
  const trimmed = value.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  return value;
}
