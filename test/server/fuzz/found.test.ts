import { wellFormed } from '@/lib/track/well-formed';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTrackingServer } from '@/lib/server/app';
import { readServerEnv } from '@/lib/server/env';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
import type { Artifact } from '@/lib/track/schemas';
import { BACKENDS, jsonInit, startTestServer, tempDataDir, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

/** Bugs the fuzzer found, each as a plain test over real HTTP (they answered 500 before the fix). */
describe.each(BACKENDS)('found by fuzzing (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  it('stores a run whose project id is another project’s name (was a foreign-key 500)', async () => {
    const made = await s.api('/api/v1/projects', jsonInit('POST', { name: 'vision' }));
    expect(made.status).toBe(201);
    const run = makeRun({ projectId: 'vision' });
    const put = await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
    expect(put.status, await put.clone().text()).toBe(200);
    const projects = (await (await s.api('/api/v1/projects')).json()).projects as Array<{ id: string; name: string }>;
    const ids = projects.filter((p) => p.name.startsWith('vision')).map((p) => p.id);
    expect(ids).toContain('vision'); // the run's project exists under its own id…
    expect(ids).toHaveLength(2); // …beside the one named "vision", under a name of its own
    expect((await (await s.api(`/api/v1/runs/${run.id}`)).json()).run.projectId).toBe('vision');
  });

  it.each(['模型 "v1".onnx', 'weights\ud800.bin', "it's (final)*.onnx"])('serves an artifact named %j with a well-formed Content-Disposition (a 500 for non-Latin-1 names before)', async (name) => {
    const run = makeRun();
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
    const bytes = new TextEncoder().encode(`bytes of ${name}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const meta: Artifact = { id: `a-${run.id}`, runId: run.id, name, kind: 'file', sizeBytes: bytes.byteLength, sha256, createdAt: Date.now() };
    const put = await s.api(`/api/v1/runs/${run.id}/artifacts/${meta.id}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream', [SHA256_HEADER]: sha256, [ARTIFACT_META_HEADER]: encodeArtifactMeta(meta) },
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const got = await s.api(`/api/v1/runs/${run.id}/artifacts/${meta.id}`);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const disposition = got.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]*$/);
    const encoded = disposition.slice(disposition.indexOf("UTF-8''") + 7);
    // The name as stored (a lone surrogate arrives as U+FFFD: see lib/track/well-formed.ts).
    const listed = (await (await s.api(`/api/v1/runs/${run.id}/artifacts`)).json()).artifacts[0].name as string;
    expect(decodeURIComponent(encoded)).toBe(wellFormed(listed));
  });
});

describe('the MLflow door logs through the server', () => {
  it('an MLflow 500 goes to the server log given at creation, not to console.error', async () => {
    const dataDir = tempDataDir();
    const lines: string[] = [];
    const tracking = await createTrackingServer({ env: readServerEnv({ BENCHTOP_DATA_DIR: dataDir, BENCHTOP_TOKEN: 'fuzz-token-0123456789' }), log: (l) => lines.push(l) });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await tracking.close(); // every query fails from now on: an honest 500
      const res = await tracking.handle(new Request('http://127.0.0.1/api/2.0/mlflow/experiments/get?experiment_id=0', { headers: { authorization: 'Bearer fuzz-token-0123456789' } }));
      expect(res.status).toBe(500);
      expect((await res.json()).error_code).toBe('INTERNAL_ERROR');
      expect(lines.some((l) => l.includes('MLflow GET /api/2.0/mlflow/experiments/get failed'))).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('lone surrogates (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
  });
  afterAll(async () => s?.close());

  it('store as U+FFFD on both databases, so a name within its limit stays within it (SQLite returned 3 characters for each)', async () => {
    const run = makeRun({ name: `${'\ud800'.repeat(200)}x`, tags: { ['k\udc00']: 'v\ud83d' } });
    expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
    const got = (await (await s.api(`/api/v1/runs/${run.id}`)).json()).run;
    expect(got.name).toBe(`${'\ufffd'.repeat(200)}x`);
    expect(got.tags).toEqual({ 'k\ufffd': 'v\ufffd' });
    const mlflow = await s.api('/api/2.0/mlflow/runs/create', jsonInit('POST', { experiment_id: '0', run_name: `r\udfff` }));
    expect(mlflow.status).toBe(200);
    expect((await mlflow.json()).run.info.run_name).toBe('r\ufffd');
  });
});

describe('a sweep spec with a YAML alias to no anchor', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend: 'sqlite' });
  });
  afterAll(async () => s?.close());

  // yaml throws a ReferenceError only when it builds the value: it answered 500.
  it('answers 422 naming the alias', async () => {
    const res = await s.api('/api/v1/sweeps', jsonInit('POST', { spec: 'method: random\nparameters: *x\n' }));
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('*x refers to no anchor');
  });
});
