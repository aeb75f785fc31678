import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makeRun } from '../fixtures';
import { createClass, errorOf, join, logPoints, putRun, uploadArtifact, type Api, type Joined } from './helpers';

describe.each(BACKENDS)('what a student may and may not do (%s)', (backend) => {
  let s: TestServer;
  let classA: string;
  let classB: string;
  let ada: Joined;
  let bob: Joined;
  let cy: Joined;
  let adaRunId: string;
  beforeAll(async () => {
    s = await startTestServer({ backend });
    const a = await createClass(s, 'A');
    const b = await createClass(s, 'B');
    classA = a.id;
    classB = b.id;
    ada = await join(s, a.code, 'Ada');
    bob = await join(s, a.code, 'Bob');
    cy = await join(s, b.code, 'Cy');
    const run = makeRun({ owner: 'mallory' });
    expect((await putRun(ada.api, run)).status).toBe(200);
    adaRunId = run.id;
  });
  afterAll(async () => s?.close());

  it('stamps a student run with their class, id and name, whatever the body claims', async () => {
    const run = (await (await s.api(`/api/v1/runs/${adaRunId}`)).json()).run;
    expect(run.owner).toBe('Ada');
    const row = await s.server.tracking.services.db.kysely.selectFrom('runs').select(['class_id', 'student_id', 'owner']).where('id', '=', adaRunId).executeTakeFirstOrThrow();
    expect(row).toEqual({ class_id: classA, student_id: ada.studentId, owner: 'Ada' });
    // An update claiming another owner keeps the stamp.
    const later = makeRun({ id: adaRunId, owner: 'Bob', status: 'finished', updatedAt: Date.now() + 1000 });
    const res = await putRun(ada.api, later);
    expect(res.status).toBe(200);
    expect((await res.json()).run).toMatchObject({ owner: 'Ada', status: 'finished' });
  });

  it('lets a student log metrics to, upload artifacts to, and read their own run', async () => {
    expect((await logPoints(ada.api, adaRunId)).status).toBe(200);
    expect((await uploadArtifact(ada.api, adaRunId)).status).toBe(200);
    expect((await ada.api(`/api/v1/runs/${adaRunId}`)).status).toBe(200);
    expect((await ada.api(`/api/v1/runs/${adaRunId}/metrics/keys`)).status).toBe(200);
    expect((await ada.api(`/api/v1/runs/${adaRunId}/metrics/history?key=loss`)).status).toBe(200);
    expect((await ada.api(`/api/v1/runs/${adaRunId}/artifacts`)).status).toBe(200);
  });

  it("lists only the student's own runs; the teacher sees all and can filter by class or student", async () => {
    const teacherRun = makeRun();
    expect((await putRun(s.api, teacherRun)).status).toBe(200);
    const bobRun = makeRun();
    expect((await putRun(bob.api, bobRun)).status).toBe(200);
    const ids = async (api: Api, q = '') => ((await (await api(`/api/v1/runs${q}`)).json()).runs as Array<{ id: string }>).map((r) => r.id);
    expect(await ids(ada.api)).toEqual([adaRunId]);
    expect(await ids(ada.api, `?studentId=${bob.studentId}&classId=${classB}`)).toEqual([adaRunId]); // a student cannot widen it
    expect(await ids(s.api)).toEqual(expect.arrayContaining([adaRunId, bobRun.id, teacherRun.id]));
    expect(await ids(s.api, `?classId=${classA}`)).toEqual(expect.arrayContaining([adaRunId, bobRun.id]));
    expect(await ids(s.api, `?classId=${classA}`)).not.toContain(teacherRun.id);
    expect(await ids(s.api, `?studentId=${bob.studentId}`)).toEqual([bobRun.id]);
  });

  it("refuses a student changing, deleting, logging to or uploading to a classmate's run with 403 sentences", async () => {
    const change = await errorOf(await putRun(bob.api, makeRun({ id: adaRunId, updatedAt: Date.now() + 10_000 })));
    expect(change).toEqual({ status: 403, code: 'forbidden', message: `students may only change their own runs; run ${adaRunId} is someone else's` });
    const del = await errorOf(await bob.api(`/api/v1/runs/${adaRunId}`, { method: 'DELETE' }));
    expect(del).toEqual({ status: 403, code: 'forbidden', message: `students may only delete their own runs; run ${adaRunId} is someone else's` });
    expect((await errorOf(await logPoints(bob.api, adaRunId))).message).toContain('may only log metrics to their own runs');
    expect((await errorOf(await uploadArtifact(bob.api, adaRunId))).message).toContain('may only upload artifacts to their own runs');
    expect((await s.api(`/api/v1/runs/${adaRunId}`)).status).toBe(200); // still there
    // A classmate may read it (the leaderboard shows it anyway).
    expect((await bob.api(`/api/v1/runs/${adaRunId}`)).status).toBe(200);
  });

  it('gives a new run id raced for by two students to exactly one of them', async () => {
    for (let i = 0; i < 5; i++) {
      const run = makeRun();
      const [a, b] = await Promise.all([putRun(ada.api, run), putRun(bob.api, run)]);
      expect([a.status, b.status].sort(), `round ${i}`).toEqual([200, 403]);
      const winner = a.status === 200 ? ada : bob;
      const row = await s.server.tracking.services.db.kysely.selectFrom('runs').select(['student_id', 'owner']).where('id', '=', run.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ student_id: winner.studentId, owner: winner.name });
    }
  });

  it("refuses a student taking over the workspace's run by PUTting its id", async () => {
    const teacherRun = makeRun({ owner: 'teacher' });
    expect((await putRun(s.api, teacherRun)).status).toBe(200);
    const res = await errorOf(await putRun(ada.api, { ...teacherRun, updatedAt: Date.now() + 10_000 }));
    expect(res.status).toBe(403);
    expect((await (await s.api(`/api/v1/runs/${teacherRun.id}`)).json()).run.owner).toBe('teacher');
    expect((await errorOf(await ada.api(`/api/v1/runs/${teacherRun.id}`))).message).toContain('only read runs of their own class');
  });

  it('refuses reading another class: its runs, its record, its roster', async () => {
    expect(await errorOf(await cy.api(`/api/v1/runs/${adaRunId}`))).toEqual({
      status: 403,
      code: 'forbidden',
      message: `students may only read runs of their own class; run ${adaRunId} is not one`,
    });
    expect((await errorOf(await cy.api(`/api/v1/runs/${adaRunId}/metrics/history?key=loss`))).status).toBe(403);
    expect((await errorOf(await cy.api(`/api/v1/classes/${classA}`))).message).toBe(`students may only see their own class, not class ${classA}`);
    expect((await cy.api(`/api/v1/classes/${classB}`)).status).toBe(200);
    expect((await errorOf(await cy.api(`/api/v1/classes/${classB}/roster`))).status).toBe(403);
  });

  it('refuses admin routes, shares, projects and the MLflow API with 403', async () => {
    const checks: Array<[string, RequestInit]> = [
      ['/api/v1/classes', jsonInit('POST', { name: 'mine' })],
      ['/api/v1/classes', {}],
      [`/api/v1/classes/${classA}/end`, { method: 'POST' }],
      ['/api/v1/projects', {}],
      [`/api/v1/runs/${adaRunId}/shares`, jsonInit('POST', {})],
      ['/api/v1/sweeps', jsonInit('POST', { spec: 'method: random' })],
    ];
    for (const [path, init] of checks) {
      const e = await errorOf(await ada.api(path, init));
      expect(e.status, path).toBe(403);
      expect(e.message, path).toMatch(/^students may not use (GET|POST) \/api\/v1\/.*: it is for the teacher/);
    }
    const mlflow = await ada.api('/api/2.0/mlflow/experiments/search', jsonInit('POST', {}));
    expect(mlflow.status).toBe(403);
    expect((await mlflow.json()).message).toContain('Students of a class may not use the MLflow API');
  });

  it('lets a student delete their own run, and the teacher change a student run without losing its stamp', async () => {
    const run = makeRun();
    expect((await putRun(bob.api, run)).status).toBe(200);
    const teacherEdit = await putRun(s.api, { ...run, name: 'renamed by teacher', updatedAt: run.updatedAt + 1 });
    expect(teacherEdit.status).toBe(200);
    const row = await s.server.tracking.services.db.kysely.selectFrom('runs').select(['student_id', 'name']).where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ student_id: bob.studentId, name: 'renamed by teacher' });
    expect((await bob.api(`/api/v1/runs/${run.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it("admits a class's students to that class's sweeps only, and credits each trial's run to its student", async () => {
    const spec = { method: 'random', metric: { name: 'loss', goal: 'minimize' }, parameters: { lr: { values: [0.1, 0.01] } }, run_cap: 2 };
    const classSweep = await (await s.api('/api/v1/sweeps', jsonInit('POST', { spec, classId: classA }))).json();
    expect(classSweep.sweep.classId).toBe(classA);
    const id = classSweep.sweep.id as string;
    expect((await ada.api(`/api/v1/sweeps/${id}`)).status).toBe(200);
    const lease = await (await ada.api(`/api/v1/sweeps/${id}/lease`, jsonInit('POST', { agentId: 'ada-tab' }))).json();
    expect(lease.kind).toBe('trial');
    const trialId = lease.trialId as string;
    const trialRun = makeRun({ sweepId: id, trialId, owner: 'someone' });
    expect((await putRun(ada.api, trialRun)).status).toBe(200);
    const finished = await ada.api(`/api/v1/sweeps/${id}/finish`, jsonInit('POST', { agentId: 'ada-tab', trialId, status: 'finished', metric: 0.5, runId: trialRun.id }));
    expect(finished.status).toBe(200);
    expect((await (await s.api(`/api/v1/runs/${trialRun.id}`)).json()).run.owner).toBe('Ada');
    // Another class's student, and a workspace-only sweep.
    expect((await errorOf(await cy.api(`/api/v1/sweeps/${id}/lease`, jsonInit('POST', { agentId: 'cy' })))).message).toBe(
      `students may only join sweeps started in their class; sweep ${id} is not one`,
    );
    const own = await (await s.api('/api/v1/sweeps', jsonInit('POST', { spec }))).json();
    expect(own.sweep.classId).toBeNull();
    expect((await ada.api(`/api/v1/sweeps/${own.sweep.id}/lease`, jsonInit('POST', { agentId: 'ada-tab' }))).status).toBe(403);
    // Bob may not credit his trial with Ada's run.
    const lease2 = await (await bob.api(`/api/v1/sweeps/${id}/lease`, jsonInit('POST', { agentId: 'bob-tab' }))).json();
    expect(lease2.kind).toBe('trial');
    const t2 = lease2.trialId as string;
    const steal = await bob.api(`/api/v1/sweeps/${id}/finish`, jsonInit('POST', { agentId: 'bob-tab', trialId: t2, status: 'finished', metric: 0.1, runId: trialRun.id }));
    expect((await errorOf(steal)).message).toContain('may only credit sweep trials with their own runs');
  });

  it('refuses a sweep for a class that does not exist', async () => {
    const res = await s.api('/api/v1/sweeps', jsonInit('POST', { spec: { method: 'random', parameters: { lr: { values: [1] } } }, classId: 'cl-none' }));
    expect(await errorOf(res)).toMatchObject({ status: 422, message: 'class cl-none does not exist' });
  });

  it("lets the teacher upload to and write a student's run", async () => {
    expect((await uploadArtifact(s.api, adaRunId)).status).toBe(200);
    expect((await s.api(`/api/v1/runs/${adaRunId}`, jsonInit('PUT', runToWire(makeRun({ id: adaRunId, updatedAt: 1 }))))).status).toBe(200);
  });
});
