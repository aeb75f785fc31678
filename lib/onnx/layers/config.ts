import type { ConvertContext } from './types';

/**
 * Typed readers for `layer.getConfig()` values, failing with the layer's name on anything
 * unexpected rather than exporting a guess.
 */
export function configNumber(ctx: ConvertContext, key: string, fallback?: number): number {
  const v = ctx.config[key];
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback;
    return ctx.fail(`config '${key}' is missing`);
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return ctx.fail(`config '${key}' must be a number, got ${JSON.stringify(v)}`);
  return v;
}

export function configBool(ctx: ConvertContext, key: string, fallback: boolean): boolean {
  const v = ctx.config[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') return ctx.fail(`config '${key}' must be a boolean, got ${JSON.stringify(v)}`);
  return v;
}

export function configString(ctx: ConvertContext, key: string, fallback: string): string {
  const v = ctx.config[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') return ctx.fail(`config '${key}' must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/** A number or a list of `length` numbers (tfjs accepts both for kernelSize, strides…). */
export function configTuple(ctx: ConvertContext, key: string, length: number, fallback?: number[]): number[] {
  const v = ctx.config[key];
  if (v === undefined || v === null) {
    if (fallback) return fallback;
    return ctx.fail(`config '${key}' is missing`);
  }
  const list = typeof v === 'number' ? Array.from({ length }, () => v) : v;
  if (!Array.isArray(list) || list.length !== length || !list.every((n) => typeof n === 'number' && Number.isInteger(n))) {
    return ctx.fail(`config '${key}' must be an integer or ${length} integers, got ${JSON.stringify(v)}`);
  }
  return list as number[];
}

/** Only channels-last is exported; tfjs's channelsFirst convolutions are rare and CPU-only. */
export function requireChannelsLast(ctx: ConvertContext): void {
  const format = configString(ctx, 'dataFormat', 'channelsLast');
  if (format !== 'channelsLast') ctx.fail(`dataFormat '${format}' is not supported (only channelsLast)`);
}
