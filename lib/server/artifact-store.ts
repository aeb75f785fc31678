import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Where artifact bytes live. Callers only see keys; the directory implementation is the default
 * and an S3-compatible one can be added behind the same three calls.
 */
export interface ArtifactStore {
  /** Stores the bytes under `key` atomically (a reader never sees half a file). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
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

export function directoryArtifactStore(root: string): ArtifactStore {
  const fileOf = (key: string) => {
    const file = path.resolve(root, key);
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new RangeError(`artifact key escapes the store: ${key}`);
    return file;
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename: rename is atomic within one file system.
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      await fs.writeFile(tmp, bytes);
      await fs.rename(tmp, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await fs.readFile(fileOf(key)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}
