import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { classCopyOf, ensureLocalCopy, storedFromServer } from '@/lib/classroom/class-copy';
import type { ServerNotebook } from '@/lib/classroom/server-notebook';
import { serializeNotebook } from '@/lib/notebook/format';
import { fromStoredNotebook } from '@/lib/notebook/persist';
import { openIdbNotebookStore, type NotebookStore } from '@/lib/track/idb-notebooks';
import { freshDbName } from '../track/fixtures';

const meta = { classId: 'cls1', className: 'ML 101', assignmentId: 'asg1' };

function serverCopy(over: Partial<ServerNotebook> = {}): ServerNotebook {
  const doc = { id: 'teacher-nb', title: 'Teacher title', projectId: 'default', templateId: null, createdAt: 1, updatedAt: 2, cells: [{ id: 'c1', type: 'code' as const, source: 'print(1)', language: 'typescript' as const }] };
  return { id: 'copy-1', title: 'XOR (copy)', content: serializeNotebook(doc), classId: 'cls1', studentId: 'st1', assignmentId: 'asg1', createdAt: 5, updatedAt: 6, version: 3, ...over };
}

let store: NotebookStore | undefined;
afterEach(() => store?.close());

describe('a class copy in IndexedDB', () => {
  it('keeps the server id (runs tie back to the assignment), the server title and the class it belongs to', () => {
    const stored = storedFromServer(serverCopy(), meta);
    expect(stored.ok).toBe(true);
    if (!stored.ok) return;
    expect(stored.record.id).toBe('copy-1');
    expect(stored.record.file.id).toBe('copy-1');
    expect(stored.record.title).toBe('XOR (copy)');
    expect(classCopyOf(stored.record)).toEqual(meta);
    const opened = fromStoredNotebook(stored.record);
    expect(opened.ok && opened.doc.cells.map((c) => c.source)).toEqual(['print(1)']);
  });

  it('says why content that is not a notebook cannot be opened', () => {
    expect(storedFromServer(serverCopy({ content: '{nope' }), meta)).toEqual({ ok: false, error: expect.stringContaining('is not JSON') });
    expect(storedFromServer(serverCopy({ content: '{"format":"x"}' }), meta)).toEqual({ ok: false, error: expect.stringContaining('is not a Benchtop notebook') });
    expect(classCopyOf({ classCopy: { classId: 'x' } })).toBeNull();
  });

  it('is stored once; a copy this browser already has keeps its local text', async () => {
    store = await openIdbNotebookStore(freshDbName());
    await ensureLocalCopy(store, serverCopy(), meta);
    expect((await store.getNotebook('copy-1'))?.title).toBe('XOR (copy)');
    await ensureLocalCopy(store, serverCopy({ title: 'changed on the server' }), meta);
    expect((await store.getNotebook('copy-1'))?.title).toBe('XOR (copy)');
  });
});
