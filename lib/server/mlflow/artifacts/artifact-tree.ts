import fs from 'node:fs/promises';
import path from 'node:path';
import { directoryArtifactStore, type StoredBytes } from '../../artifact-store';

/** One entry of a listing, as MLflow's FileInfo: `file_size` only for files. */
export interface TreeEntry {
  path: string;
  isDir: boolean;
  sizeBytes?: number;
}

/**
 * The files MLflow clients log (`log_artifact`, `log_model`), as the tree of paths they name,
 * under `<data dir>/mlflow-artifacts`. Writes go through the artifact store's atomic streamed
 * write (a partial file renamed into place); paths reach here already checked by artifact-path.ts,
 * and are resolved inside the root once more as a second guard.
 */
export interface ArtifactTree {
  write(p: string, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  read(p: string): Promise<StoredBytes | undefined>;
  /** 'file' | 'dir' | undefined (missing). */
  kind(p: string): Promise<'file' | 'dir' | undefined>;
  /** Direct children of a directory (sorted by name); [] for a file or a missing path. */
  list(p: string): Promise<TreeEntry[]>;
  /** Every file below `p`, paths relative to `p`. */
  walk(p: string): Promise<TreeEntry[]>;
  /** Removes a file or a whole directory; a missing path is fine. */
  delete(p: string): Promise<void>;
}

export function artifactTree(root: string): ArtifactTree {
  const store = directoryArtifactStore(root);
  const resolved = path.resolve(root);
  const fileOf = (p: string) => {
    const file = path.resolve(resolved, p);
    if (file !== resolved && !file.startsWith(resolved + path.sep)) throw new RangeError(`artifact path escapes the root: ${p}`);
    return file;
  };
  const statOf = (p: string) => fs.stat(fileOf(p)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });

  const tree: ArtifactTree = {
    write: (p, chunks) => store.write(p, chunks),
    async read(p) {
      const st = await statOf(p);
      return st?.isFile() ? store.read(p) : undefined;
    },
    async kind(p) {
      const st = await statOf(p);
      return st ? (st.isDirectory() ? 'dir' : 'file') : undefined;
    },
    async list(p) {
      const dir = fileOf(p);
      const st = await statOf(p);
      if (!st?.isDirectory()) return [];
      const entries = await fs.readdir(dir, { withFileTypes: true });
      const out: TreeEntry[] = [];
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.name.endsWith('~partial')) continue;
        if (e.isDirectory()) out.push({ path: e.name, isDir: true });
        else if (e.isFile()) out.push({ path: e.name, isDir: false, sizeBytes: (await fs.stat(path.join(dir, e.name))).size });
      }
      return out;
    },
    async walk(p) {
      const out: TreeEntry[] = [];
      for (const e of await tree.list(p)) {
        const child = p ? `${p}/${e.path}` : e.path;
        if (e.isDir) out.push(...(await tree.walk(child)).map((f) => ({ ...f, path: `${e.path}/${f.path}` })));
        else out.push(e);
      }
      return out;
    },
    async delete(p) {
      await fs.rm(fileOf(p), { recursive: true, force: true });
    },
  };
  return tree;
}
