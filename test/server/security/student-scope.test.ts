import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v1Routes } from '@/lib/server/http/routes';
import type { Route } from '@/lib/server/http/router';
import { runToWire } from '@/lib/track/api';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { makePoints, makeRun } from '../fixtures';
import { notebookFile } from '../classroom/classroom-fixture';
import { artifactUploadInit, createClass, join, putRun, uploadArtifact, type Joined } from '../classroom/helpers';

/**
 * Table-driven over the whole route table, so a route added later is covered without editing
 * this file: a student credential never reaches a workspace route (403 "students may not …"),
 * never touches another class's or the teacher's things through a class route (no 2xx), and an
 * ended class's credential reaches nothing but public routes.
 */

const fill = (path: string, ids: Record<string, string>) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(ids[name] ?? 'x'));

/** A body that passes validation where one is known, so scoping, not validation, answers. */
function bodyFor(route: Route, ids: Record<string, string>): RequestInit {
  if (route.method === 'GET' || route.method === 'DELETE') return { method: route.method };
  if (route.path.endsWith('/artifacts/:artifactId')) return artifactUploadInit(ids.runId, ids.artifactId);
  if (route.path === '/api/v1/runs/:runId') return jsonInit('PUT', runToWire(makeRun({ id: ids.runId, updatedAt: Date.now() + 60_000 })));
  if (route.path.endsWith('/metrics')) return jsonInit('POST', { points: makePoints(ids.runId, 'loss', 3) });
  if (route.path.startsWith('/api/v1/notebooks/')) return jsonInit('PUT', { title: 'taken over', content: JSON.stringify(notebookFile(ids.notebookId)), version: 1 });
  if (route.path.startsWith('/api/v1/sweeps/')) return jsonInit('POST', { agentId: 'intruder', trialId: 't0', epoch: 1, value: 1, status: 'finished' });
  return jsonInit(route.method, {});
}

async function statusOf(j: { api(p: string, i?: RequestInit): Promise<Response> }, path: string, init: RequestInit): Promise<{ status: number; text: string }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 5_000); // an SSE route that admitted us would stay open
  try {
    const res = await j.api(path, { ...init, signal: abort.signal });
    const text = res.headers.get('content-type')?.includes('event-stream') ? '(stream)' : await res.text();
    return { status: res.status, text };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

describe.each(BACKENDS)('a student credential across the whole route table (%s)', (backend) => {
  let s: TestServer;
  let cy: Joined;
  let ended: Joined;
  let foreign: Record<string, string>;
  beforeAll(async () => {
    s = await startTestServer({ backend });
    const a = await createClass(s, 'A');
    const b = await createClass(s, 'B');
    const ada = await join(s, a.code, 'Ada');
    cy = await join(s, b.code, 'Cy');
    const adaRun = makeRun();
    expect((await putRun(ada.api, adaRun)).status).toBe(200);
    expect((await uploadArtifact(ada.api, adaRun.id, 'art-ada')).status).toBe(200);
    const sweep = await (await s.api('/api/v1/sweeps', jsonInit('POST', { spec: { method: 'random', parameters: { lr: { values: [1, 2] } } }, classId: a.id }))).json();
    expect((await s.api('/api/v1/notebooks/nb-teacher', jsonInit('PUT', { title: 't', content: JSON.stringify(notebookFile('nb-teacher')), version: 0 }))).status).toBe(200);
    const assignment = await (await s.api(`/api/v1/classes/${a.id}/assignments`, jsonInit('POST', { title: 'A1', notebook: notebookFile('nb-a1'), metric: 'loss', goal: 'min' }))).json();
    foreign = { runId: adaRun.id, artifactId: 'art-ada', sweepId: sweep.sweep.id, classId: a.id, notebookId: 'nb-teacher', assignmentId: assignment.id, token: 'x' };
    const c = await createClass(s, 'C');
    ended = await join(s, c.code, 'Late');
    expect((await s.api(`/api/v1/classes/${c.id}/end`, { method: 'POST' })).status).toBe(200);
  });
  afterAll(async () => s?.close());

  it('answers every workspace route 403 "students may not use …"', async () => {
    const routes = v1Routes.filter((r) => r.auth === 'workspace');
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const path = fill(route.path, foreign);
      const { status, text } = await statusOf(cy, path, bodyFor(route, foreign));
      expect(status, `${route.method} ${route.path}: ${text}`).toBe(403);
      expect(JSON.parse(text).error.message).toBe(`students may not use ${route.method} ${route.path}: it is for the teacher (the workspace token)`);
    }
  });

  it("never answers a 2xx to a class route aimed at another class's or the teacher's things", async () => {
    const routes = v1Routes.filter((r) => r.auth === 'class' && r.path.includes(':'));
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const { status, text } = await statusOf(cy, fill(route.path, foreign), bodyFor(route, foreign));
      expect([403, 404], `${route.method} ${route.path}: ${status} ${text.slice(0, 200)}`).toContain(status);
    }
    // And nothing changed: Ada's run is whole and the teacher's notebook is the teacher's.
    const run = (await (await s.api(`/api/v1/runs/${foreign.runId}`)).json()).run;
    expect(run.owner).toBe('Ada');
    const nb = await (await s.api('/api/v1/notebooks/nb-teacher')).json();
    expect(JSON.stringify(nb)).not.toContain('taken over');
  });

  it("refuses every non-public route to an ended class's student with 403 'this class has ended'", async () => {
    for (const route of v1Routes.filter((r) => r.auth !== 'public')) {
      const { status, text } = await statusOf(ended, fill(route.path, foreign), bodyFor(route, foreign));
      expect(status, `${route.method} ${route.path}`).toBe(403);
      expect(JSON.parse(text).error.message).toBe('this class has ended');
    }
  });

  it('refuses the MLflow API on every path to a student', async () => {
    for (const path of ['/api/2.0/mlflow/experiments/search', '/api/2.0/mlflow/runs/create', '/api/2.0/mlflow/runs/delete']) {
      const res = await cy.api(path, jsonInit('POST', {}));
      expect(res.status, path).toBe(403);
      expect((await res.json()).error_code).toBe('PERMISSION_DENIED');
    }
  });
});
