import { describe, expect, it } from 'vitest';
import { ResolveCache } from '@/lib/server/model-serving/resolve-cache';
import type { ServedVersion } from '@/lib/server/model-serving/predict';
import { withWriteHook } from '@/lib/server/registry/write-hook';
import type { RegistryRepo } from '@/lib/server/registry/repo';

const v = (version: number): ServedVersion => ({ name: 'm', version, format: 'onnx', artifact: { runId: 'r', artifactId: `a${version}` } });

/** A lookup over a mutable alias table that counts its calls; `gate` holds a lookup open. */
function fakeRegistry() {
  const aliases = new Map<string, number>([['champion', 1]]);
  let calls = 0;
  let gate: Promise<void> | null = null;
  return {
    aliases,
    calls: () => calls,
    hold(p: Promise<void>) {
      gate = p;
    },
    async lookup(_name: string, ref: string) {
      calls++;
      const answer = aliases.get(ref);
      if (gate) await gate;
      return answer === undefined ? undefined : v(answer);
    },
  };
}

describe('ResolveCache', () => {
  it('answers repeated lookups from memory until the TTL runs out', async () => {
    const reg = fakeRegistry();
    let now = 0;
    const cache = new ResolveCache((n, r) => reg.lookup(n, r), { ttlMs: 1000, now: () => now });
    for (let i = 0; i < 5; i++) expect((await cache.resolve('m', 'champion'))?.version).toBe(1);
    expect(reg.calls()).toBe(1);
    reg.aliases.set('champion', 2); // another instance moved it: seen once the entry expires
    now = 999;
    expect((await cache.resolve('m', 'champion'))?.version).toBe(1);
    now = 1000;
    expect((await cache.resolve('m', 'champion'))?.version).toBe(2);
    expect(reg.calls()).toBe(2);
  });

  it('invalidate makes the next lookup read the registry', async () => {
    const reg = fakeRegistry();
    const cache = new ResolveCache((n, r) => reg.lookup(n, r), { ttlMs: 60_000 });
    await cache.resolve('m', 'champion');
    reg.aliases.set('champion', 2);
    cache.invalidate();
    expect((await cache.resolve('m', 'champion'))?.version).toBe(2);
  });

  it('does not store a lookup that was in flight while the registry changed', async () => {
    const reg = fakeRegistry();
    const cache = new ResolveCache((n, r) => reg.lookup(n, r), { ttlMs: 60_000 });
    let open!: () => void;
    reg.hold(new Promise<void>((resolve) => (open = resolve)));
    const stale = cache.resolve('m', 'champion'); // reads version 1…
    reg.aliases.set('champion', 2);
    cache.invalidate(); // …and the alias moves before it returns
    open();
    expect((await stale)?.version).toBe(1);
    reg.hold(Promise.resolve());
    expect((await cache.resolve('m', 'champion'))?.version).toBe(2);
  });

  it('does not cache misses, and stays within maxEntries', async () => {
    const reg = fakeRegistry();
    const cache = new ResolveCache((n, r) => reg.lookup(n, r), { ttlMs: 60_000, maxEntries: 2 });
    expect(await cache.resolve('m', 'challenger')).toBeUndefined();
    reg.aliases.set('challenger', 3);
    expect((await cache.resolve('m', 'challenger'))?.version).toBe(3);
    reg.aliases.set('a', 4);
    reg.aliases.set('b', 5);
    await cache.resolve('m', 'a');
    await cache.resolve('m', 'b'); // a third entry: the oldest (challenger) goes
    const before = reg.calls();
    await cache.resolve('m', 'challenger');
    expect(reg.calls()).toBe(before + 1);
  });
});

describe('withWriteHook', () => {
  it('reports every write with its model name (after it settles) and no read', async () => {
    const seen: string[] = [];
    const calls: string[] = [];
    const methods = ['createModel', 'getModel', 'listModels', 'updateModel', 'renameModel', 'deleteModel', 'setModelTag', 'deleteModelTag', 'createVersion', 'getVersion', 'listVersions', 'searchVersions', 'updateVersion', 'deleteVersion', 'setVersionTag', 'deleteVersionTag', 'resolve', 'setAlias', 'deleteAlias'];
    const repo = Object.fromEntries(
      methods.map((m) => [
        m,
        async () => {
          calls.push(m);
          if (m === 'deleteAlias') throw new Error('refused');
        },
      ]),
    ) as unknown as RegistryRepo;
    const hooked = withWriteHook(repo, (name) => seen.push(name));
    await hooked.getModel('a');
    await hooked.resolve('a', 'champion');
    expect(seen).toEqual([]);
    await hooked.setAlias('a', 'champion', 2);
    await hooked.createVersion({ name: 'b', source: 's', format: 'onnx' });
    await expect(hooked.deleteAlias('c', 'champion')).rejects.toThrow('refused');
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(calls).toEqual(['getModel', 'resolve', 'setAlias', 'createVersion', 'deleteAlias']);
  });
});
