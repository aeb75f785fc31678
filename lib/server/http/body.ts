import type { z } from 'zod';
import { findNulPath, formatCount, JSON_LIMITS, jsonTextDepth, mayHoldNul } from '@/lib/track/json-limits';
import { mayHoldLoneSurrogate, wellFormedValue } from '@/lib/track/well-formed';
import { HttpError, validationError } from './errors';

/** "1,048,576 bytes (1 MiB)" — limits are quoted in error messages, so they read well. */
export function formatBytes(n: number): string {
  const units: Array<[number, string]> = [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']];
  const unit = units.find(([size]) => n >= size && n % size === 0);
  return `${n.toLocaleString('en-US')} bytes${unit ? ` (${n / unit[0]} ${unit[1]})` : ''}`;
}

/**
 * The body's chunks as they arrive, refusing more than `maxBytes` with a 413: first by
 * Content-Length, then by counting (a chunked or lying client is cut off at the limit).
 * Nothing is buffered here: callers that stream (artifact uploads) keep memory flat.
 */
export async function* bodyChunks(req: Request, maxBytes: number, what: string): AsyncGenerator<Uint8Array> {
  const tooLarge = (size: string) => new HttpError(413, 'payload_too_large', `${what} is ${size}; the limit is ${formatBytes(maxBytes)}`);
  const declared = req.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(formatBytes(Number(declared)));
  if (!req.body) return;
  const reader = req.body.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge('larger than that');
      yield value;
    }
  } finally {
    // Stops reading an upload that was refused or abandoned (a no-op once the body is done).
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads the whole body, refusing more than `maxBytes`: first by Content-Length, then by
 * counting while reading (a chunked or lying client is cut off at the limit, not buffered).
 */
export async function readBodyBytes(req: Request, maxBytes: number, what: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of bodyChunks(req, maxBytes, what)) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** JSON bodies must say so: a cross-site form post (text/plain, no preflight) is refused. */
export function requireJsonContentType(req: Request): void {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) {
    throw new HttpError(415, 'unsupported_media_type', `expected Content-Type: application/json, got ${type ? `"${type}"` : 'none'}`);
  }
}

export async function readJsonValue(req: Request, maxBytes: number, what: string): Promise<unknown> {
  requireJsonContentType(req);
  const text = new TextDecoder().decode(await readBodyBytes(req, maxBytes, what));
  const tooDeep = jsonDepthProblem(text);
  if (tooDeep) throw new HttpError(400, 'bad_request', `${what} ${tooDeep}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'invalid_json', `${what} is not valid JSON: ${(err as Error).message}`);
  }
  const nulAt = nulProblem(text, value);
  if (nulAt) throw new HttpError(400, 'bad_request', `${what}: ${nulAt.message}`, nulAt.field);
  return mayHoldLoneSurrogate(text) ? wellFormedValue(value) : value;
}

/** Checked on the text, before parsing: deep values overflow the stack of whatever walks them next. */
export function jsonDepthProblem(text: string): string | null {
  const limit = JSON_LIMITS.bodyDepth;
  return jsonTextDepth(text, limit) > limit ? `nests more than ${formatCount(limit)} levels of objects and arrays; the limit is ${formatCount(limit)}` : null;
}

/** PostgreSQL text cannot hold U+0000: refused on both databases, naming the field. */
export function nulProblem(text: string, value: unknown): { message: string; field: string } | null {
  if (!mayHoldNul(text)) return null;
  const field = findNulPath(value);
  return field === null ? null : { message: `${field || 'the value'} contains a NUL character (\\u0000), which cannot be stored`, field };
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string, status: 400 | 422 = 422): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, status, where);
  return parsed.data;
}

export async function readJson<S extends z.ZodType>(req: Request, schema: S, maxBytes: number, what: string): Promise<z.output<S>> {
  return parseWith(schema, await readJsonValue(req, maxBytes, what), what);
}

/** Query parameters as a plain object (last value wins) for zod; U+0000 is refused as in bodies. */
export function queryObject(url: URL): Record<string, string> {
  const query = Object.fromEntries(url.searchParams.entries());
  const field = findNulPath(query);
  if (field !== null) throw new HttpError(400, 'bad_request', `query parameter ${field} contains a NUL character (%00), which cannot be stored or searched`, field);
  return query;
}

/** The URL's query parsed with `schema`; a bad one is a 400 naming the parameter. */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  return parseWith(schema, queryObject(url), 'query', 400);
}
