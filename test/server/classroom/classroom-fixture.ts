import { randomBytes } from 'node:crypto';
import { NOTEBOOK_FILE_FORMAT, NOTEBOOK_FILE_VERSION, type NotebookFileV1 } from '@/lib/notebook/format';
import { runToWire } from '@/lib/track/api';
import { toWireNumber } from '@/lib/track/wire-number';
import type { Run } from '@/lib/track/schemas';
import { makeRun } from '../fixtures';
import { jsonInit, type TestServer } from '../harness';

/** A valid notebook file with one code cell (and the given overrides). */
export function notebookFile(id: string, overrides: Partial<NotebookFileV1> = {}): NotebookFileV1 {
  return {
    format: NOTEBOOK_FILE_FORMAT,
    version: NOTEBOOK_FILE_VERSION,
    id,
    title: `Notebook ${id}`,
    projectId: 'default',
    templateId: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    cells: [{ id: 'c1', type: 'code', source: 'const x = 1;', language: 'typescript' }],
    ...overrides,
  };
}

/** PUT /api/v1/notebooks/:id as the student pages send it: the file as JSON text and the version it started from. */
export const putNotebook = (s: TestServer, file: NotebookFileV1, version = 0, headers: Record<string, string> = {}) =>
  s.api(`/api/v1/notebooks/${encodeURIComponent(file.id)}`, jsonInit('PUT', { title: file.title, content: JSON.stringify(file), version }, headers));

export async function createClass(s: TestServer, name = 'Deep learning 101'): Promise<string> {
  const res = await s.api('/api/v1/classes', jsonInit('POST', { name }));
  if (res.status === 201) return ((await res.json()) as { id: string }).id;
  // Until the classes API is on main, the fixture writes the row itself.
  const id = `cls-${randomBytes(4).toString('hex')}`;
  await s.server.tracking.services.db.kysely.insertInto('classes').values({ id, code: randomBytes(3).toString('hex').toUpperCase(), name, created_at: Date.now(), ended_at: null }).execute();
  return id;
}

export interface TestStudent {
  id: string;
  name: string;
  /** `Authorization` header value of the student's credential. */
  auth: string;
}

/** A run logged by a student: created with the workspace token, then stamped as the server stamps a student's run. */
export async function studentRun(s: TestServer, classId: string, student: TestStudent, overrides: Partial<Run> = {}): Promise<Run> {
  const run = makeRun({ owner: student.name, ...overrides });
  const res = await s.api(`/api/v1/runs/${run.id}`, { ...jsonInit('PUT', runToWire(run)), headers: { 'content-type': 'application/json', authorization: student.auth } });
  if (!res.ok) throw new Error(`PUT run as ${student.name}: ${res.status} ${await res.text()}`);
  await s.server.tracking.services.db.kysely.updateTable('runs').set({ class_id: classId, student_id: student.id }).where('id', '=', run.id).execute();
  return run;
}

export async function logPoints(s: TestServer, runId: string, key: string, values: number[], auth?: string, fromStep = 0): Promise<void> {
  const points = values.map((value, i) => ({ key, step: fromStep + i, value: toWireNumber(value), timeMs: 1_700_000_000_000 + fromStep + i }));
  const res = await s.api(`/api/v1/runs/${runId}/metrics`, { ...jsonInit('POST', { points }), headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) } });
  if (!res.ok) throw new Error(`POST metrics: ${res.status} ${await res.text()}`);
}

/** A student of the class: joined through the API when the class has a code to join by. */
export async function joinStudent(s: TestServer, classId: string, name: string): Promise<TestStudent> {
  const { kysely } = s.server.tracking.services.db;
  const cls = await kysely.selectFrom('classes').select('code').where('id', '=', classId).executeTakeFirstOrThrow();
  const res = await s.api('/api/v1/classes/join', { ...jsonInit('POST', { code: cls.code, name }), auth: false });
  if (res.status === 201) {
    const joined = (await res.json()) as { studentId: string; name: string; token: string };
    return { id: joined.studentId, name: joined.name, auth: `Bearer ${joined.token}` };
  }
  // Until the classes API is on main: the row only, acting with the workspace token.
  const id = `stu-${randomBytes(4).toString('hex')}`;
  await kysely.insertInto('students').values({ id, class_id: classId, name, token_sha256: randomBytes(32).toString('hex'), created_at: Date.now(), last_seen_at: null }).execute();
  return { id, name, auth: `Bearer ${s.token}` };
}

/** Ends the class (through the API once it is on main). */
export async function endClass(s: TestServer, classId: string): Promise<void> {
  const res = await s.api(`/api/v1/classes/${classId}/end`, { method: 'POST' });
  if (res.ok) return;
  await s.server.tracking.services.db.kysely.updateTable('classes').set({ ended_at: Date.now() }).where('id', '=', classId).execute();
}

export async function publish(s: TestServer, classId: string, body: { title: string; metric: string; goal: 'min' | 'max'; notebook?: ReturnType<typeof notebookFile> }) {
  const res = await s.api(`/api/v1/classes/${classId}/assignments`, jsonInit('POST', { notebook: notebookFile('teacher-nb'), ...body }));
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${await res.text()}`);
  return (await res.json()) as import('@/lib/classroom/api').Assignment;
}
