import type { RegistryRepo } from './repo';

/**
 * Every RegistryRepo method, sorted into reads and writes: the record makes adding a method
 * without deciding whether it changes the registry a type error (a cache of resolved aliases
 * must hear about every write).
 */
const METHOD_KIND: Record<keyof RegistryRepo, 'read' | 'write'> = {
  createModel: 'write',
  getModel: 'read',
  listModels: 'read',
  updateModel: 'write',
  renameModel: 'write',
  deleteModel: 'write',
  setModelTag: 'write',
  deleteModelTag: 'write',
  createVersion: 'write',
  getVersion: 'read',
  listVersions: 'read',
  searchVersions: 'read',
  updateVersion: 'write',
  deleteVersion: 'write',
  setVersionTag: 'write',
  deleteVersionTag: 'write',
  resolve: 'read',
  setAlias: 'write',
  deleteAlias: 'write',
};

/**
 * The repo, calling `onWrite(name)` after each write settles (succeeded or failed: a failed
 * transaction may still have raced another writer, and a spurious invalidation costs one query).
 */
export function withWriteHook(repo: RegistryRepo, onWrite: (name: string) => void): RegistryRepo {
  const hooked = { ...repo };
  for (const [method, kind] of Object.entries(METHOD_KIND) as [keyof RegistryRepo, 'read' | 'write'][]) {
    if (kind === 'read') continue;
    const original = repo[method] as (...args: unknown[]) => Promise<unknown>;
    (hooked as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      // The model's name is the first argument of every write, or `name` of createVersion's input.
      const first = args[0];
      const name = typeof first === 'string' ? first : String((first as { name?: unknown }).name);
      try {
        return await original(...args);
      } finally {
        onWrite(name);
      }
    };
  }
  return hooked;
}
