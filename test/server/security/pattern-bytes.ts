import { createHash } from 'node:crypto';

/** Big-upload tests' bytes: made a chunk at a time, so a test never holds a whole file. */
export const MB = 1_000_000;
export const CHUNK = 1 << 20;

/** `size` deterministic bytes, made one chunk at a time (the test never holds a whole file). */
export function* patternChunks(size: number, seed: number): Generator<Uint8Array> {
  const base = createHash('sha512').update(String(seed)).digest();
  const template = Buffer.alloc(CHUNK);
  for (let i = 0; i < CHUNK; i += base.length) base.copy(template, i);
  for (let offset = 0, n = 0; offset < size; offset += CHUNK, n++) {
    const chunk = Buffer.from(template.subarray(0, Math.min(CHUNK, size - offset)));
    chunk.writeUInt32LE(n, 0);
    yield chunk;
  }
}

const hashes = new Map<string, string>();
/** sha256 of `patternChunks(size, seed)`, computed once per file (both backends upload the same). */
export function patternSha256(size: number, seed: number): string {
  const id = `${size}:${seed}`;
  if (!hashes.has(id)) {
    const hash = createHash('sha256');
    for (const c of patternChunks(size, seed)) hash.update(c);
    hashes.set(id, hash.digest('hex'));
  }
  return hashes.get(id)!;
}

export function streamOf(chunks: Iterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
}

