import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, AssignmentCopiesResponse, AssignmentListResponse } from '@/lib/classroom/api';
import { NotebookListResponse, NotebookResponse, type ServerNotebook } from '@/lib/classroom/server-notebook';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { createClass, joinStudent, notebookFile, publish, putNotebook, type TestStudent } from './classroom-fixture';

/**
 * Assignments and students' copies over real HTTP with real student credentials, on both
 * databases: a copy is the student's alone (their edits never touch the teacher's snapshot,
 * another student cannot read or write it), the teacher reads every copy but writes none.
 */
describe.each(BACKENDS)('assignments and student copies (%s)', (backend) => {
  let s: TestServer;
  let classId: string;
  let ada: TestStudent, bob: TestStudent, eve: TestStudent;
  let assignment: Assignment;

  const as = (student: TestStudent | null, init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers as Record<string, string>), ...(student ? { authorization: student.auth } : {}) } });
  const copyOf = async (student: TestStudent, assignmentId = assignment.id) => {
    const res = await s.api(`/api/v1/classes/${classId}/assignments/${assignmentId}/copy`, as(student, { method: 'POST' }));
    expect(res.status, await res.clone().text()).toBe(200);
    return NotebookResponse.parse(await res.json()).notebook;
  };
  const errorOf = async (res: Response) => ({ status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message });

  beforeAll(async () => {
    s = await startTestServer({ backend });
    classId = await createClass(s);
    ada = await joinStudent(s, classId, 'Ada');
    bob = await joinStudent(s, classId, 'Bob');
    eve = await joinStudent(s, await createClass(s, 'Another class'), 'Eve');
    assignment = await publish(s, classId, { title: 'Spirals', metric: 'loss', goal: 'min', notebook: notebookFile('teacher-nb', { title: 'Teacher draft' }) });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('publishes a snapshot the teacher and the class list; students may not publish', async () => {
    expect(assignment).toMatchObject({ classId, title: 'Spirals', metric: 'loss', goal: 'min' });
    expect(assignment.notebookId).not.toBe('teacher-nb');
    const snapshot = NotebookResponse.parse(await (await s.api(`/api/v1/notebooks/${assignment.notebookId}`)).json()).notebook;
    expect(snapshot).toMatchObject({ classId, studentId: null, assignmentId: assignment.id, title: 'Spirals', version: 1 });
    expect(JSON.parse(snapshot.content).cells).toEqual(notebookFile('x').cells);

    for (const who of [null, ada]) {
      const list = AssignmentListResponse.parse(await (await s.api(`/api/v1/classes/${classId}/assignments`, as(who))).json());
      expect(list.assignments.map((a) => a.id)).toEqual([assignment.id]);
    }
    const byStudent = await s.api(`/api/v1/classes/${classId}/assignments`, as(ada, jsonInit('POST', { title: 't', notebook: notebookFile('n'), metric: 'loss', goal: 'min' })));
    expect(byStudent.status).toBe(403);
    expect((await errorOf(await s.api(`/api/v1/classes/${classId}/assignments`, as(eve)))).status).toBe(403);
  });

  it("gives each student one copy (a new id, the snapshot's cells), the same one on every later call, even when asked at once", async () => {
    const copies = await Promise.all([copyOf(ada), copyOf(ada), copyOf(ada)]);
    expect(new Set(copies.map((c) => c.id)).size).toBe(1);
    const copy = copies[0];
    expect(copy).toMatchObject({ classId, studentId: ada.id, assignmentId: assignment.id, version: 1, title: 'Spirals' });
    expect(copy.id).not.toBe(assignment.notebookId);
    const file = JSON.parse(copy.content);
    expect(file.id).toBe(copy.id);
    expect(file.cells).toEqual(notebookFile('x').cells);
    expect((await copyOf(ada)).id).toBe(copy.id);
    expect((await copyOf(bob)).id).not.toBe(copy.id);
    const teacher = await errorOf(await s.api(`/api/v1/classes/${classId}/assignments/${assignment.id}/copy`, { method: 'POST' }));
    expect(teacher).toMatchObject({ status: 403, message: expect.stringMatching(/only a student gets a copy/) });
  });

  it("keeps a copy the student's own: their edits never touch the snapshot, other students can neither read nor write it", async () => {
    const copy: ServerNotebook = await copyOf(ada);
    const edited = { ...JSON.parse(copy.content), title: 'Ada’s try', cells: [{ id: 'c1', type: 'code', source: 'train(ada)' }] };
    const saved = await putNotebook(s, edited, copy.version, { authorization: ada.auth });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect(NotebookResponse.parse(await saved.json()).notebook.version).toBe(copy.version + 1);

    const snapshot = NotebookResponse.parse(await (await s.api(`/api/v1/notebooks/${assignment.notebookId}`)).json()).notebook;
    expect(snapshot.version).toBe(1);
    expect(JSON.parse(snapshot.content).cells).toEqual(notebookFile('x').cells);

    // Bob (same class) and Eve (another class): neither reads nor writes Ada's copy.
    for (const other of [bob, eve]) {
      expect(await errorOf(await s.api(`/api/v1/notebooks/${copy.id}`, as(other)))).toMatchObject({ status: 403, message: expect.stringMatching(/not your copy/) });
      expect((await putNotebook(s, { ...edited, title: 'hijack' }, copy.version + 1, { authorization: other.auth })).status).toBe(403);
    }
    // A student reads neither the teacher's snapshot nor creates notebooks of their own.
    expect((await s.api(`/api/v1/notebooks/${assignment.notebookId}`, as(ada))).status).toBe(403);
    expect(await errorOf(await putNotebook(s, notebookFile('ada-own'), 0, { authorization: ada.auth }))).toMatchObject({ status: 403, message: expect.stringMatching(/students may not create notebooks/) });

    // The teacher reads the copy (read-only view) but may not write it.
    const seen = NotebookResponse.parse(await (await s.api(`/api/v1/notebooks/${copy.id}`)).json()).notebook;
    expect(JSON.parse(seen.content).title).toBe('Ada’s try');
    expect(await errorOf(await putNotebook(s, { ...edited, title: 'teacher edit' }, seen.version))).toMatchObject({ status: 403, message: expect.stringMatching(/read-only/) });

    // Lists: a student sees only their copies; the teacher's list holds no student's copy.
    const adaList = NotebookListResponse.parse(await (await s.api('/api/v1/notebooks', as(ada))).json());
    expect(adaList.notebooks.map((n) => n.id)).toEqual([copy.id]);
    const teacherList = NotebookListResponse.parse(await (await s.api('/api/v1/notebooks')).json());
    expect(teacherList.notebooks.every((n) => n.studentId === null)).toBe(true);
  });

  it("lists the students' copies for the teacher only", async () => {
    const res = await s.api(`/api/v1/classes/${classId}/assignments/${assignment.id}/copies`);
    const { copies } = AssignmentCopiesResponse.parse(await res.json());
    expect(copies.map((c) => c.studentName)).toEqual(['Ada', 'Bob']);
    expect(copies[0].notebookId).toBe((await copyOf(ada)).id);
    expect((await s.api(`/api/v1/classes/${classId}/assignments/${assignment.id}/copies`, as(ada))).status).toBe(403);
    expect((await s.api(`/api/v1/classes/${classId}/assignments/nope/copies`)).status).toBe(404);
  });
});
