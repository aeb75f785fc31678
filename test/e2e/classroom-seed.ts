import type { Assignment, ClassRecord, JoinResponse } from '@/lib/classroom/api';
import { runToWire } from '@/lib/track/api';
import type { Run } from '@/lib/track/schemas';
import { makeRun } from '../unit/track/fixtures';

/**
 * A class driven over HTTP as scripts drive one: the teacher (trusted local: the test process is
 * on loopback) creates it; students join by code, open their copy of the assignment and log a
 * run against it with their own bearer tokens, as their browsers would.
 */
async function call<T>(baseUrl: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const createClass = (baseUrl: string, name: string) => call<ClassRecord>(baseUrl, 'POST', '/api/v1/classes', { name });

export const joinClass = (baseUrl: string, code: string, name: string) => call<JoinResponse>(baseUrl, 'POST', '/api/v1/classes/join', { code, name });

/** A small notebook file (markdown + code), as the teacher's browser would publish it. */
export function assignmentNotebook(title: string) {
  const now = Date.now();
  return {
    format: 'benchtop-notebook',
    version: 1,
    id: `nb-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    title,
    projectId: 'default',
    templateId: null,
    createdAt: now,
    updatedAt: now,
    cells: [
      { id: 'intro', type: 'markdown', source: '# Spirals\nBeat **0.9** validation accuracy.' },
      { id: 'train', type: 'code', language: 'typescript', source: 'const data = await bench.datasets.spirals({ n: 500 });\nawait bench.train({ model, data, epochs: 5 });' },
    ],
  };
}

export const publishAssignment = (baseUrl: string, classId: string, title: string, metric: string, goal: 'min' | 'max') =>
  call<Assignment>(baseUrl, 'POST', `/api/v1/classes/${encodeURIComponent(classId)}/assignments`, { title, notebook: assignmentNotebook(title), metric, goal });

export interface StudentResult {
  name: string;
  backend: string;
  adapter: string | null;
  /** The metric's values, one per step. */
  values: number[];
  /** Default `finished`. */
  status?: Run['status'];
}

/**
 * The student opens their copy (POST …/copy) and logs one finished run on it: the run's
 * `notebookId` is the copy's id, which ties it to the assignment's leaderboard.
 */
export async function studentLogsRun(baseUrl: string, opts: { classId: string; assignment: Assignment; token: string; result: StudentResult; metric: string }): Promise<string> {
  const { notebook } = await call<{ notebook: { id: string } }>(baseUrl, 'POST', `/api/v1/classes/${encodeURIComponent(opts.classId)}/assignments/${encodeURIComponent(opts.assignment.id)}/copy`, {}, opts.token);
  const now = Date.now();
  const status = opts.result.status ?? 'finished';
  const run: Run = makeRun({
    id: `run-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    notebookId: notebook.id,
    name: `spirals ${opts.result.name.split(' ')[0]}`,
    status,
    statusReason: status === 'crashed' ? 'the tab stopped sending heartbeats' : null,
    config: { lr: 0.03, units: 16 },
    env: { backend: opts.result.backend, adapter: opts.result.adapter, browser: 'e2e', tfjsVersion: '4.22.0', seed: 1 },
    createdAt: now,
    updatedAt: now,
    finishedAt: status === 'running' ? null : now,
  });
  await call(baseUrl, 'PUT', `/api/v1/runs/${run.id}`, runToWire(run), opts.token);
  const points = opts.result.values.map((value, step) => ({ key: opts.metric, step, value, timeMs: now + step }));
  await call(baseUrl, 'POST', `/api/v1/runs/${run.id}/metrics`, { points }, opts.token);
  return run.id;
}

/** A class with an assignment and two ranked students (the page checks' content); returns ids. */
export async function seedRankedClass(baseUrl: string, name: string): Promise<{ classId: string; assignmentId: string }> {
  const cls = await createClass(baseUrl, name);
  const assignment = await publishAssignment(baseUrl, cls.id, 'Spirals', 'val/accuracy', 'max');
  const students: StudentResult[] = [
    { name: 'Ada Lovelace', backend: 'webgpu', adapter: 'apple · metal-3', values: [0.6, 0.93] },
    { name: 'Alan Turing', backend: 'webgl', adapter: null, values: [0.5, 0.88] },
  ];
  for (const result of students) {
    const joined = await joinClass(baseUrl, cls.code, result.name);
    await studentLogsRun(baseUrl, { classId: cls.id, assignment, token: joined.token, result, metric: 'val/accuracy' });
  }
  return { classId: cls.id, assignmentId: assignment.id };
}
