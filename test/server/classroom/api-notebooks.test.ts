import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTEBOOK_API_LIMITS, NotebookListResponse, NotebookResponse } from '@/lib/classroom/server-notebook';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { notebookFile, putNotebook } from './classroom-fixture';

/** GET|PUT /api/v1/notebooks on both databases over real HTTP: CRUD, validation, limits, version conflicts. */
describe.each(BACKENDS)('notebooks API (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('creates, reads, replaces and lists a notebook, bumping its version', async () => {
    const file = notebookFile('nb-crud', { title: 'First' });
    const created = await putNotebook(s, file);
    expect(created.status).toBe(200);
    const v1 = NotebookResponse.parse(await created.json()).notebook;
    expect(v1).toMatchObject({ id: 'nb-crud', title: 'First', version: 1, studentId: null, classId: null });
    expect(JSON.parse(v1.content)).toEqual(file);

    const got = NotebookResponse.parse(await (await s.api('/api/v1/notebooks/nb-crud')).json()).notebook;
    expect(JSON.parse(got.content)).toEqual(file);

    const edited = { ...file, title: 'Second', cells: [...file.cells, { id: 'c2', type: 'markdown' as const, source: '# notes' }] };
    const replaced = await putNotebook(s, edited, 1);
    expect(replaced.status).toBe(200);
    const v2 = NotebookResponse.parse(await replaced.json()).notebook;
    expect(v2.version).toBe(2);
    expect(NotebookResponse.parse(await (await s.api('/api/v1/notebooks/nb-crud')).json()).notebook.content).toEqual(JSON.stringify(edited));

    const list = NotebookListResponse.parse(await (await s.api('/api/v1/notebooks')).json());
    expect(list.notebooks.find((n) => n.id === 'nb-crud')).toMatchObject({ title: 'Second', version: 2 });
    expect(list.notebooks[0]).not.toHaveProperty('content');
  });

  it('refuses a write based on an older version with 409 and a sentence, and keeps the newer one', async () => {
    const file = notebookFile('nb-tabs');
    expect((await putNotebook(s, file)).status).toBe(200);
    // Two tabs loaded version 1; tab A saves first.
    expect((await putNotebook(s, { ...file, title: 'tab A' }, 1)).status).toBe(200);
    const late = await putNotebook(s, { ...file, title: 'tab B' }, 1);
    expect(late.status).toBe(409);
    const body = (await late.json()) as { error: { code: string; message: string; field: string } };
    expect(body.error).toMatchObject({ code: 'conflict', field: 'version' });
    expect(body.error.message).toMatch(/was saved elsewhere \(now version 2\) since this copy \(version 1\) was loaded/);
    expect(NotebookResponse.parse(await (await s.api('/api/v1/notebooks/nb-tabs')).json()).notebook.title).toBe('tab A');
    // Creating over an existing one without a base version is a conflict too, not an overwrite.
    const blind = await putNotebook(s, { ...file, title: 'blind' });
    expect(blind.status).toBe(409);
    expect(((await blind.json()) as { error: { message: string } }).error.message).toMatch(/already exists on the server \(version 2\)/);
    // A base version for a notebook the server never had.
    expect((await putNotebook(s, notebookFile('nb-never'), 3)).status).toBe(409);
  });

  it('of two concurrent saves from the same version, exactly one wins', async () => {
    const file = notebookFile('nb-race');
    expect((await putNotebook(s, file)).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => putNotebook(s, { ...file, title: `tab ${i}` }, 1)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(NotebookResponse.parse(await (await s.api('/api/v1/notebooks/nb-race')).json()).notebook.version).toBe(2);
  });

  it('validates the content with the notebook file schema and names the field', async () => {
    const bad = await putNotebook(s, { ...notebookFile('nb-bad'), cells: [{ id: 'c1', type: 'plot' }] } as never);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('content.cells.0.type');

    const notJson = await s.api('/api/v1/notebooks/nb-text', jsonInit('PUT', { title: 't', content: '{"format": ', version: 0 }));
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(/content is not a notebook file's JSON/);

    const dup = notebookFile('nb-dup', { cells: [{ id: 'c1', type: 'code', source: '' }, { id: 'c1', type: 'markdown', source: '' }] });
    const dupRes = await putNotebook(s, dup);
    expect(dupRes.status).toBe(422);
    expect(((await dupRes.json()) as { error: { message: string } }).error.message).toMatch(/repeats the id of cells\[0\]/);

    const mismatch = await s.api('/api/v1/notebooks/nb-a', jsonInit('PUT', { title: 'b', content: JSON.stringify(notebookFile('nb-b')), version: 0 }));
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error: { message: string } }).error.message).toMatch(/must equal the id in the path/);

    const negative = await putNotebook(s, notebookFile('nb-neg'), -1);
    expect(negative.status).toBe(422);
    expect((await s.api('/api/v1/notebooks/nb-missing')).status).toBe(404);
  });

  it('refuses a notebook over the size limit with 413 naming the limit, and stores nothing', async () => {
    const big = notebookFile('nb-big', { cells: [{ id: 'c1', type: 'code', source: 'x'.repeat(NOTEBOOK_API_LIMITS.notebookBytes) }] });
    const res = await putNotebook(s, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/the limit is 4,194,304 bytes \(4 MiB\)/);
    expect((await s.api('/api/v1/notebooks/nb-big')).status).toBe(404);
  });

  it('needs a credential', async () => {
    expect((await s.api('/api/v1/notebooks', { auth: false })).status).toBe(401);
    expect((await putNotebook(s, notebookFile('nb-anon'), undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
  });
});
