import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { ClassRecord, JoinResponse, STUDENT_COOKIE } from '@/lib/classroom/api';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
import type { Artifact, Run } from '@/lib/track/schemas';
import { jsonInit, type TestServer } from '../harness';
import { makePoints, makeRun } from '../fixtures';

/** A class made with the workspace token. */
export async function createClass(s: TestServer, name = 'Deep learning 101'): Promise<ClassRecord> {
  const res = await s.api('/api/v1/classes', jsonInit('POST', { name }));
  expect(res.status).toBe(201);
  return ClassRecord.parse(await res.json());
}

export interface Joined extends JoinResponse {
  /** The Set-Cookie header join answered. */
  setCookie: string;
  /** fetch as this student with the bearer token. */
  api(pathname: string, init?: RequestInit): Promise<Response>;
  /** fetch as this student with the cookie (and, for writes, the server's own Origin unless given). */
  cookieApi(pathname: string, init?: RequestInit): Promise<Response>;
}

export async function join(s: TestServer, code: string, name: string): Promise<Joined> {
  const res = await s.api('/api/v1/classes/join', { ...jsonInit('POST', { code, name }), auth: false });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = JoinResponse.parse(await res.json());
  return {
    ...body,
    setCookie: res.headers.get('set-cookie') ?? '',
    api(pathname, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${body.token}`);
      return fetch(s.url + pathname, { ...init, headers });
    },
    cookieApi(pathname, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', `${STUDENT_COOKIE}=${body.token}`);
      if ((init.method ?? 'GET') !== 'GET' && !headers.has('origin')) headers.set('origin', s.url);
      return fetch(s.url + pathname, { ...init, headers });
    },
  };
}

/** PUT a run as `who` (a student's api or the server's workspace api). */
export async function putRun(api: (p: string, i?: RequestInit) => Promise<Response>, run: Run = makeRun()): Promise<Response> {
  return api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
}

export async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

export type Api = (p: string, i?: RequestInit) => Promise<Response>;

/** The request that uploads `bytes` as artifact `id` of `runId` (valid headers and checksum). */
export function artifactUploadInit(runId: string, id: string, bytes = new TextEncoder().encode('weights')): RequestInit {
  const sha = createHash('sha256').update(bytes).digest('hex');
  const meta: Artifact = { id, runId, name: 'model.bin', kind: 'file', sizeBytes: bytes.byteLength, sha256: sha, createdAt: Date.now(), meta: {} };
  return {
    method: 'PUT',
    body: bytes,
    headers: { 'content-type': 'application/octet-stream', [SHA256_HEADER]: sha, [ARTIFACT_META_HEADER]: encodeArtifactMeta(meta) },
  };
}

export function uploadArtifact(api: Api, runId: string, id = `art-${Math.random().toString(36).slice(2)}`, bytes?: Uint8Array<ArrayBuffer>) {
  return api(`/api/v1/runs/${runId}/artifacts/${id}`, artifactUploadInit(runId, id, bytes));
}

export const logPoints = (api: Api, runId: string, n = 5) => api(`/api/v1/runs/${runId}/metrics`, jsonInit('POST', { points: makePoints(runId, 'loss', n) }));

