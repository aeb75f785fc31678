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
  if (res.status !== 201) throw new Error(`create class: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export interface TestStudent {
  id: string;
  name: string;
  /** `Authorization` header value of the student's credential. */
  auth: string;
}

/** A run logged by a student with their own credential (the server stamps its class and student). */
export async function studentRun(s: TestServer, student: TestStudent, overrides: Partial<Run> = {}): Promise<Run> {
  const run = makeRun({ owner: student.name, ...overrides });
  const res = await s.api(`/api/v1/runs/${run.id}`, { ...jsonInit('PUT', runToWire(run)), headers: { 'content-type': 'application/json', authorization: student.auth } });
  if (!res.ok) throw new Error(`PUT run as ${student.name}: ${res.status} ${await res.text()}`);
  return run;
}

export async function logPoints(s: TestServer, runId: string, key: string, values: number[], auth?: string, fromStep = 0): Promise<void> {
  const points = values.map((value, i) => ({ key, step: fromStep + i, value: toWireNumber(value), timeMs: 1_700_000_000_000 + fromStep + i }));
  const res = await s.api(`/api/v1/runs/${runId}/metrics`, { ...jsonInit('POST', { points }), headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) } });
  if (!res.ok) throw new Error(`POST metrics: ${res.status} ${await res.text()}`);
}

/** A student who joined the class by its code, with their own `bts_` credential. */
export async function joinStudent(s: TestServer, classId: string, name: string): Promise<TestStudent> {
  const cls = (await (await s.api(`/api/v1/classes/${classId}`)).json()) as { code: string };
  const res = await s.api('/api/v1/classes/join', { ...jsonInit('POST', { code: cls.code, name }), auth: false });
  if (res.status !== 201) throw new Error(`join: ${res.status} ${await res.text()}`);
  const joined = (await res.json()) as { studentId: string; name: string; token: string };
  return { id: joined.studentId, name: joined.name, auth: `Bearer ${joined.token}` };
}

export async function endClass(s: TestServer, classId: string): Promise<void> {
  const res = await s.api(`/api/v1/classes/${classId}/end`, { method: 'POST' });
  if (!res.ok) throw new Error(`end class: ${res.status} ${await res.text()}`);
}

export async function publish(s: TestServer, classId: string, body: { title: string; metric: string; goal: 'min' | 'max'; notebook?: ReturnType<typeof notebookFile> }) {
  const res = await s.api(`/api/v1/classes/${classId}/assignments`, jsonInit('POST', { notebook: notebookFile('teacher-nb'), ...body }));
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${await res.text()}`);
  return (await res.json()) as import('@/lib/classroom/api').Assignment;
}
