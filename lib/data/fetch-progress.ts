/** Bytes received so far and the total expected (both of the decoded body). */
export type DownloadProgress = (receivedBytes: number, totalBytes: number) => void;

/**
 * Fetches a file as bytes, reporting progress as chunks arrive, against its Content-Length (or
 * `expectedBytes` when the server sends none, e.g. when it compressed the response itself).
 */
export async function fetchBytes(url: string, expectedBytes: number, onProgress?: DownloadProgress, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  const res = await fetchImpl(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const length = Number(res.headers.get('content-length'));
  const totalBytes = !res.headers.get('content-encoding') && length > 0 ? length : expectedBytes;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body.getReader();
  onProgress?.(0, totalBytes);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress?.(Math.min(received, totalBytes), totalBytes);
  }
  const all = new Uint8Array(received);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}
