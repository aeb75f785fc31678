import type { SortValue } from './sort-sql';

/**
 * The opaque keyset cursor: where the last row of a page stands in the sort (its tier, its sort
 * values, its id), the total counted with the first page (so later pages skip the count), and the
 * filter + sort text it belongs to (a cursor from another query is refused, not misread).
 */
export interface RunCursor {
  tier: number;
  values: SortValue[];
  id: string;
  total: number;
  totalExact: boolean;
  /** Hash of filter + sort + includeDeleted. */
  query: string;
}

type Encoded = ['n', number | 'Infinity' | '-Infinity'] | ['s', string] | null;

export function encodeRunCursor(c: RunCursor): string {
  const values: Encoded[] = c.values.map((v) => (v === null ? null : typeof v === 'string' ? ['s', v] : ['n', Number.isFinite(v) ? v : v > 0 ? 'Infinity' : '-Infinity']));
  return Buffer.from(JSON.stringify({ t: c.tier, v: values, i: c.id, n: c.total, x: c.totalExact, q: c.query })).toString('base64url');
}

export class BadCursorError extends Error {}

export function decodeRunCursor(text: string, query: string): RunCursor {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError('cursor is not one this server issued');
  }
  const o = raw as { t?: unknown; v?: unknown; i?: unknown; n?: unknown; x?: unknown; q?: unknown };
  if (typeof o !== 'object' || o === null || !Number.isInteger(o.t) || !Array.isArray(o.v) || typeof o.i !== 'string' || !Number.isInteger(o.n) || typeof o.q !== 'string') {
    throw new BadCursorError('cursor is not one this server issued');
  }
  if (o.q !== query) throw new BadCursorError('cursor belongs to another filter or sort; start again without a cursor');
  const values = (o.v as unknown[]).map((e): SortValue => {
    if (e === null) return null;
    if (Array.isArray(e) && e[0] === 's' && typeof e[1] === 'string') return e[1];
    if (Array.isArray(e) && e[0] === 'n') {
      if (typeof e[1] === 'number') return e[1];
      if (e[1] === 'Infinity') return Number.POSITIVE_INFINITY;
      if (e[1] === '-Infinity') return Number.NEGATIVE_INFINITY;
    }
    throw new BadCursorError('cursor is not one this server issued');
  });
  return { tier: o.t as number, values, id: o.i, total: o.n as number, totalExact: o.x !== false, query: o.q };
}
