/** Hex sha256 via WebCrypto (browsers, workers and Node ≥ 19 all have `crypto.subtle`). */
export async function sha256Hex(...parts: (ArrayBufferView | string)[]): Promise<string> {
  const encoder = new TextEncoder();
  const chunks = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    joined.set(c, offset);
    offset += c.byteLength;
  }
  const digest = await crypto.subtle.digest('SHA-256', joined);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
