import type { ServedVersion } from './predict';

/**
 * The versions that (name, ref) pairs resolved to, so a predict does not query the registry
 * (two SQLite queries and a Kysely compile: a tenth of a small model's request in a profile).
 *
 * - A write through this process's registry clears the cache at once (`invalidate`), so moving
 *   `champion` here moves the very next request.
 * - A write by another app instance over the same PostgreSQL is seen within `ttlMs`.
 * - A lookup that was in flight while a write happened is not stored (generation check): it may
 *   have read the registry before the write.
 * - Misses (unknown model or ref) are not cached: a 404 costs the query, and the next request
 *   after registering sees the new version.
 */
export class ResolveCache {
  private readonly entries = new Map<string, { version: ServedVersion; expiresAt: number }>();
  private generation = 0;

  constructor(
    private readonly lookup: (name: string, ref: string) => Promise<ServedVersion | undefined>,
    private readonly options: { ttlMs: number; maxEntries?: number; now?: () => number },
  ) {}

  async resolve(name: string, ref: string): Promise<ServedVersion | undefined> {
    const now = this.options.now ?? Date.now;
    const key = `${name}\u0000${ref}`;
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now()) return hit.version;
    const generation = this.generation;
    const version = await this.lookup(name, ref);
    if (!version) {
      this.entries.delete(key);
      return undefined;
    }
    if (generation === this.generation) {
      // Bounded: a client cycling through refs cannot grow it without limit (oldest entry goes).
      if (this.entries.size >= (this.options.maxEntries ?? 1024)) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { version: { name: version.name, version: version.version, format: version.format, artifact: version.artifact }, expiresAt: now() + this.options.ttlMs });
    }
    return version;
  }

  /** Something in the registry changed: forget everything (writes are rare; reads are not). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
