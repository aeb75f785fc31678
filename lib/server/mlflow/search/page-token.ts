/**
 * Opaque page tokens: base64 of `{"offset": n}`, the form MLflow's own SQL store uses. A token
 * that does not decode is the client's mistake and gets an error rather than the first page.
 */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

export class PageTokenError extends Error {}

export function decodePageToken(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw new PageTokenError(`Invalid page token '${token.slice(0, 40)}': it is not one this server issued`);
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw new PageTokenError(`Invalid page token '${token.slice(0, 40)}': it is not one this server issued`);
  }
  return offset;
}

/** One page of already-ordered items, with the token of the next page when there is one. */
export function pageOf<T>(items: readonly T[], offset: number, maxResults: number): { page: T[]; nextPageToken?: string } {
  const page = items.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return next < items.length ? { page, nextPageToken: encodePageToken(next) } : { page };
}
