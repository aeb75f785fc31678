import { invalidParameter } from '../errors';

/** Longest artifact path (characters) and path segment (UTF-8 bytes, the file system's limit). */
export const ARTIFACT_PATH_LIMITS = { pathChars: 1024, segmentBytes: 255 } as const;

/**
 * Why `p` cannot name a file under the MLflow artifact root, or null. The path comes from the
 * URL (decoded) or a query parameter, so it is the client's: no `..` or `.` segments, not
 * absolute, no NUL or backslash, no empty segments (`a//b`), nothing ending in `~partial` (the
 * store's in-progress uploads). MLflow's own server refuses `..` and absolute paths the same way.
 */
export function artifactPathProblem(p: string): string | null {
  if (p.includes('\u0000')) return 'it contains a NUL character';
  if (p.length > ARTIFACT_PATH_LIMITS.pathChars) return `it is ${p.length} characters long; the limit is ${ARTIFACT_PATH_LIMITS.pathChars}`;
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'it is absolute; artifact paths are relative to the artifact root';
  if (p.includes('\\')) return 'it contains a backslash';
  for (const segment of p.split('/')) {
    if (segment === '') return 'it has an empty segment ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
    if (segment.endsWith('~partial')) return 'a name may not end in "~partial"';
    if (Buffer.byteLength(segment) > ARTIFACT_PATH_LIMITS.segmentBytes) return `a segment is longer than ${ARTIFACT_PATH_LIMITS.segmentBytes} bytes`;
  }
  return null;
}

/** The path, checked: an MLflow INVALID_PARAMETER_VALUE (400) naming the problem otherwise. */
export function safeArtifactPath(p: string, what = 'artifact path'): string {
  const problem = artifactPathProblem(p);
  if (problem) throw invalidParameter(`Invalid ${what} '${p.slice(0, 200).replaceAll('\u0000', '\\0')}': ${problem}.`);
  return p;
}
