import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Leaderboard } from '@/lib/classroom/api';
import { bestRunsQuery } from '@/lib/server/leaderboard/query';
import { NotebookResponse } from '@/lib/classroom/server-notebook';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { createClass, joinStudent, logPoints, publish, studentRun, type TestStudent } from './classroom-fixture';

/**
 * GET /api/v1/classes/:id/leaderboard on both databases: each student's best run, ranked by the
 * best value for goal min and max, with the step of the best and the run's backend/adapter;
 * filtered to an assignment's copies (and class sweep trials).
 */
describe.each(BACKENDS)('class leaderboard (%s)', (backend) => {
  let s: TestServer;
  let classId: string;
  let ada: TestStudent, bob: TestStudent, cy: TestStudent;

  const board = async (query: string, auth?: string) => {
    const res = await s.api(`/api/v1/classes/${classId}/leaderboard?${query}`, auth ? { headers: { authorization: auth } } : {});
    expect(res.status, await res.clone().text()).toBe(200);
    return Leaderboard.parse(await res.json());
  };

  beforeAll(async () => {
    s = await startTestServer({ backend });
    classId = await createClass(s);
    ada = await joinStudent(s, classId, 'Ada');
    bob = await joinStudent(s, classId, 'Bob');
    cy = await joinStudent(s, classId, 'Cy');
    // Ada: two runs; her best loss is in the second (0.2 at step 2), her best acc in the first.
    const a1 = await studentRun(s, ada, { name: 'ada-1', env: { backend: 'webgpu', adapter: 'apple m2', browser: 'x', tfjsVersion: '4.22.0', seed: 1 } });
    await logPoints(s, a1.id, 'loss', [0.9, 0.5, 0.6], ada.auth);
    await logPoints(s, a1.id, 'acc', [0.5, 0.95, 0.7], ada.auth);
    const a2 = await studentRun(s, ada, { name: 'ada-2', env: { backend: 'webgl', adapter: null, browser: 'x', tfjsVersion: '4.22.0', seed: 1 } });
    await logPoints(s, a2.id, 'loss', [0.8, 0.4, 0.2, 0.3], ada.auth);
    await logPoints(s, a2.id, 'acc', [0.6, 0.7, 0.8, 0.9], ada.auth);
    // Bob: one run, best loss 0.3 at step 1 then worse; a diverged run (-Infinity) that must not win.
    const b1 = await studentRun(s, bob, { name: 'bob-1' });
    await logPoints(s, b1.id, 'loss', [0.7, 0.3, 0.35], bob.auth);
    await logPoints(s, b1.id, 'acc', [0.5, 0.99, 0.6], bob.auth);
    const b2 = await studentRun(s, bob, { name: 'bob-diverged' });
    await logPoints(s, b2.id, 'loss', [Number.NEGATIVE_INFINITY], bob.auth);
    // Cy: loss ties with Bob.
    const c1 = await studentRun(s, cy, { name: 'cy-1' });
    await logPoints(s, c1.id, 'loss', [0.3], cy.auth);
    // A run outside the class does not count.
    const zed = await joinStudent(s, await createClass(s, 'other class'), 'Zed');
    const other = await studentRun(s, zed, { name: 'zed' });
    await logPoints(s, other.id, 'loss', [0.01], zed.auth);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('ranks each student by their best run, lowest first for goal min (ties share a rank)', async () => {
    const b = await board('metric=loss&goal=min');
    expect(b).toMatchObject({ assignmentId: null, metric: 'loss', goal: 'min' });
    expect(b.rows.map((r) => [r.rank, r.studentName, r.runName, r.value, r.step])).toEqual([
      [1, 'Ada', 'ada-2', 0.2, 2],
      [2, 'Bob', 'bob-1', 0.3, 1],
      [2, 'Cy', 'cy-1', 0.3, 0],
    ]);
    expect(b.rows[0]).toMatchObject({ backend: 'webgl', adapter: null, studentId: ada.id });
  });

  it('ranks highest first for goal max, with the best (not the last) value and its step', async () => {
    const b = await board('metric=acc&goal=max');
    expect(b.rows.map((r) => [r.rank, r.studentName, r.runName, r.value, r.step, r.backend, r.adapter])).toEqual([
      [1, 'Bob', 'bob-1', 0.99, 1, 'cpu', null],
      [2, 'Ada', 'ada-1', 0.95, 1, 'webgpu', 'apple m2'],
    ]);
  });

  it('finds the step of a best deep inside a long series (through the rollups)', async () => {
    const run = await studentRun(s, cy, { name: 'cy-long' });
    const values = Array.from({ length: 5_000 }, (_, i) => 1 + Math.sin(i) * 0.5);
    values[3_777] = 0.05;
    await logPoints(s, run.id, 'loss', values.slice(0, 2_500), cy.auth);
    await logPoints(s, run.id, 'loss', values.slice(2_500), cy.auth, 2_500);
    const b = await board('metric=loss&goal=min');
    expect(b.rows[0]).toMatchObject({ studentName: 'Cy', runName: 'cy-long', value: 0.05, step: 3_777 });
  });

  it("with an assignment: only runs of its students' copies and of class sweeps started from one, and its metric and goal by default", async () => {
    const assignment = await publish(s, classId, { title: 'Spirals', metric: 'acc', goal: 'max' });
    const copyFor = async (student: TestStudent) =>
      NotebookResponse.parse(await (await s.api(`/api/v1/classes/${classId}/assignments/${assignment.id}/copy`, { method: 'POST', headers: { authorization: student.auth } })).json()).notebook;
    const bobCopy = await copyFor(bob);
    const run = await studentRun(s, bob, { name: 'bob-assignment', notebookId: bobCopy.id });
    await logPoints(s, run.id, 'acc', [0.4, 0.6], bob.auth);
    // A trial of a class sweep started from Cy's copy, run by Cy's browser.
    const cyCopy = await copyFor(cy);
    const sweep = await s.api('/api/v1/sweeps', jsonInit('POST', { spec: { method: 'grid', metric: { name: 'acc', goal: 'maximize' }, parameters: { lr: { values: [0.1] } } }, notebookId: cyCopy.id, classId }));
    const sweepId = ((await sweep.json()) as { sweep: { id: string } }).sweep.id;
    const trial = await studentRun(s, cy, { name: 'cy-trial', notebookId: 'agent-page', sweepId, trialId: 't1' });
    await logPoints(s, trial.id, 'acc', [0.7], cy.auth);

    const b = await board(`assignment=${assignment.id}`);
    expect(b).toMatchObject({ assignmentId: assignment.id, metric: 'acc', goal: 'max' });
    expect(b.rows.map((r) => [r.rank, r.studentName, r.runName, r.value])).toEqual([
      [1, 'Cy', 'cy-trial', 0.7],
      [2, 'Bob', 'bob-assignment', 0.6],
    ]);
    // The same runs ranked on another metric of the assignment, lowest first.
    expect((await board(`assignment=${assignment.id}&metric=acc&goal=min`)).rows.map((r) => r.value)).toEqual([0.4, 0.7]);
  });

  it('drops a deleted run: the student falls back to their next best run', async () => {
    const before = await board('metric=acc&goal=max');
    const bobBest = before.rows.find((r) => r.studentName === 'Bob')!;
    expect((await s.api(`/api/v1/runs/${bobBest.runId}`, { method: 'DELETE' })).status).toBeLessThan(300);
    const after = await board('metric=acc&goal=max');
    expect(after.rows.find((r) => r.studentName === 'Bob')?.runId).not.toBe(bobBest.runId);
  });

  it('reads the class through the runs (class_id, student_id) index and no metric point', async () => {
    const { db } = s.server.tracking.services;
    for (const assignmentId of [null, 'a1']) {
      const compiled = bestRunsQuery({ classId, assignmentId, metric: 'loss', goal: 'min' }).compile(db.kysely);
      const explain = backend === 'sqlite' ? 'explain query plan' : 'explain';
      const { rows } = await db.kysely.executeQuery<Record<string, string>>({ ...compiled, sql: `${explain} ${compiled.sql}` });
      const plan = rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n');
      expect(plan).not.toMatch(/metric_points/);
      if (backend === 'sqlite') {
        expect(plan, plan).toMatch(/SEARCH r USING INDEX runs_class_student \(class_id=\?\)/);
        expect(plan, plan).toMatch(/SEARCH ms USING INDEX \S+ \(run_id=\? AND key=\?\)/);
        expect(plan, plan).not.toMatch(/SCAN (r|ms|st|notebooks|sweeps|sw)\b/);
      }
    }
  });

  it('refuses a query without a metric, an unknown assignment and an unknown class, with 4xx naming them', async () => {
    const noMetric = await s.api(`/api/v1/classes/${classId}/leaderboard`);
    expect(noMetric.status).toBe(400);
    expect(((await noMetric.json()) as { error: { field: string } }).error.field).toBe('metric');
    expect((await s.api(`/api/v1/classes/${classId}/leaderboard?metric=loss&goal=median`)).status).toBe(400);
    expect((await s.api(`/api/v1/classes/${classId}/leaderboard?assignment=nope`)).status).toBe(404);
    expect((await s.api('/api/v1/classes/no-such-class/leaderboard?metric=loss')).status).toBe(404);
  });
});
