import type { Dim } from './input-kind';

/** A parsed tensor: flat values and its dims (batch first). */
export interface ParsedTensor {
  data: number[];
  dims: number[];
}

function shapeOf(value: unknown, where: string): number[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: ${value} is not a finite number`);
    return [];
  }
  if (!Array.isArray(value)) throw new Error(`${where}: expected a number or an array, got ${JSON.stringify(value)}`);
  if (value.length === 0) throw new Error(`${where}: empty array`);
  const inner = shapeOf(value[0], `${where}[0]`);
  value.forEach((v, i) => {
    const s = shapeOf(v, `${where}[${i}]`);
    if (s.join(',') !== inner.join(',')) throw new Error(`${where}[${i}]: shape [${s.join(', ')}] differs from [${inner.join(', ')}] of ${where}[0]`);
  });
  return [value.length, ...inner];
}

/**
 * Parses a JSON tensor typed by a person: one sample of `sampleDims` (batch 1 is added) or a
 * batch of them. Symbolic dims accept any size. Errors say where the text went wrong.
 */
export function parseJsonTensor(text: string, sampleDims: readonly Dim[]): ParsedTensor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const shape = shapeOf(value, 'tensor');
  const fits = (dims: number[]) => dims.length === sampleDims.length && sampleDims.every((d, i) => typeof d !== 'number' || d === dims[i]);
  const data = (Array.isArray(value) ? value.flat(Infinity) : [value]) as number[];
  if (fits(shape)) return { data, dims: [1, ...shape] };
  if (fits(shape.slice(1))) return { data, dims: shape };
  throw new Error(`shape [${shape.join(', ')}] does not match the model input [${sampleDims.join(', ')}] (one sample) or [N, ${sampleDims.join(', ')}] (a batch)`);
}

/** A JSON example of the right shape, filled with zeros, for the textarea's first content. */
export function exampleJson(sampleDims: readonly Dim[]): string {
  const build = (dims: readonly Dim[]): unknown => (dims.length === 0 ? 0 : Array.from({ length: typeof dims[0] === 'number' ? dims[0] : 1 }, () => build(dims.slice(1))));
  return JSON.stringify(build(sampleDims));
}
