import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openIdbNotebookStore } from '@/lib/track/idb-notebooks';
import { freshDbName } from './fixtures';

describe('IndexedDB notebook store', () => {
  it('saves opaque notebooks, lists newest first, deletes, and rejects records without an id', async () => {
    const store = await openIdbNotebookStore(freshDbName());
    await store.putNotebook({ id: 'a', title: 'A', updatedAt: 1, cells: [{ type: 'code', source: 'x' }] });
    await store.putNotebook({ id: 'b', title: 'B', updatedAt: 5 });
    await store.putNotebook({ id: 'a', title: 'A2', updatedAt: 9, cells: [] });
    expect((await store.listNotebooks()).map((n) => n.title)).toEqual(['A2', 'B']);
    expect((await store.getNotebook('a'))?.cells).toEqual([]);
    await store.deleteNotebook('a');
    expect(await store.getNotebook('a')).toBeUndefined();
    await expect(store.putNotebook({ id: '', title: 'x', updatedAt: 1 })).rejects.toThrow(/id must be a non-empty string/);
    store.close();
  });
});
