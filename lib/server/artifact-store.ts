import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes of a stored artifact, read as a stream (a 250 MB model never sits in memory). */
export interface StoredBytes {
  sizeBytes: number;
  stream: ReadableStream<Uint8Array>;
}

/**
 * Where artifact bytes live. Callers only see keys; the directory implementation is the default
 * and an S3-compatible one can be added behind the same three calls.
 */
export interface ArtifactStore {
  /**
   * Streams `chunks` under `key` atomically (a reader never sees half a file). `accept` runs
   * after the last chunk and before the bytes become visible: if it throws (a checksum
   * mismatch), or the chunks fail (a size limit, a dropped connection), nothing is kept.
   */
  write(key: string, chunks: AsyncIterable<Uint8Array>, accept?: () => void | Promise<void>): Promise<void>;
  read(key: string): Promise<StoredBytes | undefined>;
  /** Missing keys are fine (idempotent). */
  delete(key: string): Promise<void>;
}

/** Keys are `<runId>/<artifactId>`; both are ids of [A-Za-z0-9_.-] (schemas.ts), never "..". */
export function artifactKey(runId: string, artifactId: string): string {
  for (const part of [runId, artifactId]) {
    if (!/^[A-Za-z0-9_.-]+$/.test(part) || part === '.' || part === '..') throw new RangeError(`bad artifact key part: ${part}`);
  }
  return `${runId}/${artifactId}`;
}

/** Suffix of files still being written; never a valid key (ids cannot contain "~"). */
const PARTIAL_SUFFIX = '~partial';

/** A partial file older than this is a dead upload (its process crashed), not one in progress. */
export const STALE_PARTIAL_MS = 24 * 60 * 60 * 1000;

/**
 * Removes partial uploads left by a crashed process (a SIGKILL mid-upload skips the cleanup).
 * Only old ones: another server process on the same data dir may be writing a fresh one now.
 * Returns how many were removed.
 */
export async function removeStalePartials(root: string, olderThanMs = STALE_PARTIAL_MS, now = Date.now()): Promise<number> {
  let entries;
  try {
    entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith(PARTIAL_SUFFIX)) continue;
    const file = path.join(e.parentPath, e.name);
    const { mtimeMs } = await fs.stat(file).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs < olderThanMs) continue;
    await fs.rm(file, { force: true });
    removed++;
  }
  return removed;
}

export function directoryArtifactStore(root: string): ArtifactStore {
  // In the background: a large store must not delay the first request.
  void removeStalePartials(root).catch((err: unknown) => console.warn(`[benchtop] could not clear old partial uploads in ${root}: ${String(err)}`));
  const fileOf = (key: string) => {
    const file = path.resolve(root, key);
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new RangeError(`artifact key escapes the store: ${key}`);
    return file;
  };
  return {
    async write(key, chunks, accept) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written beside its final name, then renamed: rename is atomic within one file system.
      const partial = `${file}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`;
      try {
        await pipeline(chunks, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
        await accept?.();
        await fs.rename(partial, file);
      } catch (err) {
        await fs.rm(partial, { force: true });
        throw err;
      }
    },
    async read(key) {
      const file = fileOf(key);
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(file, 'r');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      try {
        const { size } = await handle.stat();
        // The open handle keeps reading the same bytes even if a new upload renames over the file.
        const stream = Readable.toWeb(handle.createReadStream({ autoClose: true })) as ReadableStream<Uint8Array>;
        return { sizeBytes: size, stream };
      } catch (err) {
        await handle.close();
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}
