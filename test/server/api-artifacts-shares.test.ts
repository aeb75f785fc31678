import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_META_HEADER, encodeArtifactMeta, runToWire, SHA256_HEADER } from '@/lib/track/api';
import type { Artifact } from '@/lib/track/schemas';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from './harness';
import { makeRun } from './fixtures';

function artifactOf(runId: string, bytes: Uint8Array, overrides: Partial<Artifact> = {}): Artifact {
  return {
    id: `art-${Math.random().toString(36).slice(2, 10)}`,
    runId,
    name: 'model-epoch-3.ckpt',
    kind: 'checkpoint',
    sizeBytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    createdAt: Date.now(),
    meta: { epoch: 3 },
    ...overrides,
  };
}

describe.each(BACKENDS)('artifacts and share links (%s)', (backend) => {
  let s: TestServer;
  let runId: string;
  const upload = (meta: Artifact, bytes: Uint8Array, sha = meta.sha256) =>
    s.api(`/api/v1/runs/${meta.runId}/artifacts/${meta.id}`, {
      method: 'PUT',
      body: bytes as Uint8Array<ArrayBuffer>,
      headers: { 'content-type': 'application/octet-stream', [SHA256_HEADER]: sha, [ARTIFACT_META_HEADER]: encodeArtifactMeta(meta) },
    });

  beforeAll(async () => {
    s = await startTestServer({ backend });
    const run = makeRun({ summary: { loss: { last: 0.5, min: 0.5, max: 2, step: 2, count: 3 } } });
    runId = run.id;
    await s.api(`/api/v1/runs/${runId}`, jsonInit('PUT', runToWire(run)));
    await s.api(`/api/v1/runs/${runId}/metrics`, jsonInit('POST', { points: [0, 1, 2].map((step) => ({ key: 'loss', step, value: 2 - step * 0.75, timeMs: 5 + step })) }));
  });
  afterAll(async () => s?.close());

  it('stores artifact bytes checked by sha256 and serves them back', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const meta = artifactOf(runId, bytes);
    const res = await upload(meta, bytes);
    expect(res.status).toBe(200);
    expect((await res.json()).artifact).toEqual(meta);
    const got = await s.api(`/api/v1/runs/${runId}/artifacts/${meta.id}`);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const list = await (await s.api(`/api/v1/runs/${runId}/artifacts`)).json();
    expect(list.artifacts).toContainEqual(meta);
  });

  it('refuses a body whose sha256 differs from the header with 422, storing nothing', async () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const meta = artifactOf(runId, bytes);
    const corrupted = new Uint8Array([1, 2, 3, 5]);
    const res = await upload(meta, corrupted);
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: 'checksum_mismatch', field: 'sha256' });
    expect((await s.api(`/api/v1/runs/${runId}/artifacts/${meta.id}`)).status).toBe(404);
  });

  it('refuses missing or inconsistent metadata with 4xx naming the field', async () => {
    const bytes = new Uint8Array([9, 9]);
    const meta = artifactOf(runId, bytes);
    const noMeta = await s.api(`/api/v1/runs/${runId}/artifacts/${meta.id}`, { method: 'PUT', body: bytes, headers: { [SHA256_HEADER]: meta.sha256 } });
    expect(noMeta.status).toBe(400);
    expect((await noMeta.json()).error.field).toBe(ARTIFACT_META_HEADER);
    const wrongSize = await upload({ ...meta, sizeBytes: 3 }, bytes);
    expect(wrongSize.status).toBe(422);
    expect((await wrongSize.json()).error.field).toBe('sizeBytes');
    const otherRun = await upload({ ...meta, runId: 'another-run' }, bytes);
    expect(otherRun.status).toBe(404);
  });

  it('shares a run read-only through a ≥128-bit token, and a revoked link 404s', async () => {
    const created = await s.api(`/api/v1/runs/${runId}/shares`, { method: 'POST' });
    expect(created.status).toBe(201);
    const { share } = await created.json();
    expect(Buffer.from(share.token, 'base64url').byteLength * 8).toBeGreaterThanOrEqual(128);
    expect(share.path).toBe(`/share/${share.token}`);

    const view = await s.api(`/api/v1/shares/${share.token}`, { auth: false });
    expect(view.status).toBe(200);
    const body = await view.json();
    expect(body.run.id).toBe(runId);
    expect(body.run.summary.loss).toMatchObject({ last: 0.5 });
    expect(body.metricKeys).toEqual([expect.objectContaining({ key: 'loss', count: 3 })]);
    expect(body.artifacts.length).toBeGreaterThanOrEqual(1);

    const hist = await (await s.api(`/api/v1/shares/${share.token}/metrics/history?key=loss`, { auth: false })).json();
    expect(hist.points.map((p: { value: number }) => p.value)).toEqual([2, 1.25, 0.5]);
    const art = body.artifacts[0];
    const bytes = await s.api(`/api/v1/shares/${share.token}/artifacts/${art.id}`, { auth: false });
    expect(bytes.status).toBe(200);
    expect((await bytes.arrayBuffer()).byteLength).toBe(art.sizeBytes);

    // A share link cannot write, nor read another run's data through the workspace routes.
    expect((await s.api(`/api/v1/runs/${runId}`, { auth: false, headers: { authorization: `Bearer ${share.token}` } })).status).toBe(401);

    expect((await (await s.api(`/api/v1/runs/${runId}/shares`)).json()).shares.map((x: { token: string }) => x.token)).toContain(share.token);
    expect((await s.api(`/api/v1/shares/${share.token}`, { method: 'DELETE', auth: false })).status).toBe(401);
    expect((await s.api(`/api/v1/shares/${share.token}`, { method: 'DELETE' })).status).toBe(204);
    for (const path of [`/api/v1/shares/${share.token}`, `/api/v1/shares/${share.token}/metrics/history?key=loss`, `/api/v1/shares/${share.token}/artifacts/${art.id}`]) {
      const res = await s.api(path, { auth: false });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
    expect((await s.api(`/api/v1/shares/${share.token}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('404s a made-up or malformed share token', async () => {
    expect((await s.api(`/api/v1/shares/${'A'.repeat(43)}`, { auth: false })).status).toBe(404);
    expect((await s.api('/api/v1/shares/short', { auth: false })).status).toBe(404);
  });
});
