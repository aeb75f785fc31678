import type { NotebookFileV1 } from '@/lib/notebook/format';

/** A class set up through the API as a teacher and its students would: ids and credentials. */
export interface ClassOnServer {
  classId: string;
  assignmentId: string;
  students: Array<{ studentId: string; name: string; token: string; copyId: string }>;
}

async function call<T>(baseUrl: string, auth: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The teacher (workspace token) creates a class and publishes `notebook` as an assignment on
 * `loss` (goal min); `students` students join by the class code and each takes their copy.
 */
export async function classOnServer(opts: { baseUrl: string; token: string; students: number; notebook: NotebookFileV1 }): Promise<ClassOnServer> {
  const { baseUrl, token } = opts;
  const cls = await call<{ id: string; code: string }>(baseUrl, token, 'POST', '/api/v1/classes', { name: 'bench:classroom' });
  const assignment = await call<{ id: string }>(baseUrl, token, 'POST', `/api/v1/classes/${cls.id}/assignments`, { title: 'Bench', notebook: opts.notebook, metric: 'loss', goal: 'min' });
  const students = await Promise.all(
    Array.from({ length: opts.students }, async (_, i) => {
      const joined = await call<{ studentId: string; name: string; token: string }>(baseUrl, null, 'POST', '/api/v1/classes/join', { code: cls.code, name: `Student ${i + 1}` });
      const copy = await call<{ notebook: { id: string } }>(baseUrl, joined.token, 'POST', `/api/v1/classes/${cls.id}/assignments/${assignment.id}/copy`, {});
      return { studentId: joined.studentId, name: joined.name, token: joined.token, copyId: copy.notebook.id };
    }),
  );
  return { classId: cls.id, assignmentId: assignment.id, students };
}
