import { wellFormed } from '@/lib/track/well-formed';

/**
 * `Content-Disposition: attachment` for a stored file name (RFC 6266): an ASCII `filename` for
 * old clients (other characters as `_`) and the exact name as UTF-8 in `filename*` (RFC 8187).
 * A header value must be Latin-1 without control characters, so a name such as "模型.onnx" or
 * one with a lone surrogate (both valid artifact names) must never reach it raw: the Headers
 * constructor throws and the download answers 500.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * unescaped; RFC 8187's attr-char does not allow them.
  const utf8 = encodeURIComponent(wellFormed(name)).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

