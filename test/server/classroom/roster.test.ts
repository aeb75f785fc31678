import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RosterResponse } from '@/lib/classroom/api';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { createClass, join, putRun } from './helpers';

describe.each(BACKENDS)('the roster (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  it("shows each student's runs, state from their latest run, and who was seen in the last 30 s", async () => {
    const c = await createClass(s);
    const other = await createClass(s, 'other');
    const [ada, bob, cy, dee] = await Promise.all(['Ada', 'Bob', 'Cy', 'Dee'].map((n) => join(s, c.code, n)));
    const outsider = await join(s, other.code, 'Eve');
    const t = Date.now();
    expect((await putRun(ada.api, makeRun({ status: 'finished', createdAt: t - 2000, updatedAt: t - 2000 }))).status).toBe(200);
    const adaLatest = makeRun({ status: 'running', createdAt: t, updatedAt: t });
    expect((await putRun(ada.api, adaLatest)).status).toBe(200);
    expect((await putRun(bob.api, makeRun({ status: 'finished' }))).status).toBe(200);
    expect((await putRun(cy.api, makeRun({ status: 'failed' }))).status).toBe(200);
    expect((await putRun(outsider.api, makeRun())).status).toBe(200);
    // Dee was last seen a minute ago.
    await s.server.tracking.services.db.kysely.updateTable('students').set({ last_seen_at: Date.now() - 60_000 }).where('id', '=', dee.studentId).execute();

    const roster = RosterResponse.parse(await (await s.api(`/api/v1/classes/${c.id}/roster`)).json());
    const byName = Object.fromEntries(roster.rows.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['Ada', 'Bob', 'Cy', 'Dee']);
    expect(byName.Ada).toMatchObject({ studentId: ada.studentId, runs: 2, latestRunId: adaLatest.id, state: 'running', online: true });
    expect(byName.Bob).toMatchObject({ runs: 1, state: 'finished', online: true });
    expect(byName.Cy).toMatchObject({ runs: 1, state: 'crashed' });
    expect(byName.Dee).toMatchObject({ runs: 0, latestRunId: null, state: 'idle', online: false });

    // Dee makes any request: online again (last_seen_at is written, throttled per student).
    expect((await dee.api('/api/v1/classes/me')).status).toBe(200);
    expect((await dee.api('/api/v1/runs')).status).toBe(200);
    const again = RosterResponse.parse(await (await s.api(`/api/v1/classes/${c.id}/roster`)).json());
    expect(again.rows.find((r) => r.name === 'Dee')?.online).toBe(true);
  });

  it('answers 404 for a roster of no class', async () => {
    expect((await s.api('/api/v1/classes/cl-none/roster')).status).toBe(404);
  });
});
