import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelDetailResponse, ModelListResponse, ModelVersionResponse } from '@/lib/registry/api';
import { startStandaloneServer, type StandaloneServer } from '@/lib/server/standalone';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from '../harness';
import { createClass, join } from '../classroom/helpers';
import { EXPORT_META, registerVia, runWithArtifact } from './registry-fixture';

/**
 * The registry contract (REGISTRY-CONTRACT.md): registering a run's artifact numbers versions
 * 1, 2, 3… per model, records the run's lineage and the export's verification report, aliases
 * move and resolve; two app instances registering at once never hand out a number twice.
 */
describe.each(BACKENDS)('model registry, native API (%s)', (backend) => {
  let s: TestServer;
  let twin: StandaloneServer;
  beforeAll(async () => {
    s = await startTestServer({ backend });
    twin = await startStandaloneServer({ env: s.server.tracking.services.env, host: '127.0.0.1', port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await twin?.close();
    await s?.close();
  });

  it('registers an ONNX export as version 1, 2 of a new model, with lineage and the verification report', async () => {
    const { run, artifact } = await runWithArtifact(s);
    const first = await registerVia(s.api, 'mnist mlp', { runId: run.id, artifactId: artifact.id, description: 'int8' });
    expect(first.status, await first.clone().text()).toBe(201);
    const v1 = ModelVersionResponse.parse(await first.json()).version;
    expect(v1).toMatchObject({
      name: 'mnist mlp',
      version: 1,
      format: 'onnx',
      status: 'READY',
      runId: run.id,
      artifact: { runId: run.id, artifactId: artifact.id },
      description: 'int8',
      lineage: { runId: run.id, codeSnapshot: 'a'.repeat(64), dataFingerprint: 'spirals-1000', sweepId: 'sw-1', trialId: 't-1' },
      verification: EXPORT_META,
    });
    const second = ModelVersionResponse.parse(await (await registerVia(s.api, 'mnist mlp', { runId: run.id, artifactId: artifact.id })).json()).version;
    expect(second.version).toBe(2);

    const detail = ModelDetailResponse.parse(await (await s.api(`/api/v1/models/${encodeURIComponent('mnist mlp')}`)).json());
    expect(detail.model).toMatchObject({ name: 'mnist mlp', latestVersion: 2, aliases: [] });
    expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('moves an alias between versions, shows it on model and version, and deletes it', async () => {
    const { run, artifact } = await runWithArtifact(s);
    for (let i = 0; i < 2; i++) expect((await registerVia(s.api, 'aliased', { runId: run.id, artifactId: artifact.id })).status).toBe(201);
    const set = await s.api('/api/v1/models/aliased/aliases/champion', jsonInit('PUT', { version: 1 }));
    expect(set.status).toBe(200);
    expect(ModelDetailResponse.parse(await set.json()).model.aliases).toEqual([{ alias: 'champion', version: 1 }]);
    const moved = ModelDetailResponse.parse(await (await s.api('/api/v1/models/aliased/aliases/champion', jsonInit('PUT', { version: 2 }))).json());
    expect(moved.model.aliases).toEqual([{ alias: 'champion', version: 2 }]);
    expect(moved.versions.find((v) => v.version === 2)?.aliases).toEqual(['champion']);
    expect(moved.versions.find((v) => v.version === 1)?.aliases).toEqual([]);
    expect(await s.server.tracking.services.registry.resolve('aliased', 'champion')).toMatchObject({ version: 2 });
    expect(await s.server.tracking.services.registry.resolve('aliased', 'latest')).toMatchObject({ version: 2 });
    expect(await s.server.tracking.services.registry.resolve('aliased', '1')).toMatchObject({ version: 1 });
    expect(await s.server.tracking.services.registry.resolve('aliased', 'nope')).toBeUndefined();
    const gone = ModelDetailResponse.parse(await (await s.api('/api/v1/models/aliased/aliases/champion', { method: 'DELETE' })).json());
    expect(gone.model.aliases).toEqual([]);
  });

  it('hands out each version number once when two instances register 24 versions at once', async () => {
    const { run, artifact } = await runWithArtifact(s);
    const viaTwin = (p: string, i: RequestInit = {}) => fetch(twin.url + p, { ...i, headers: { ...(i.headers as Record<string, string>), authorization: `Bearer ${s.token}` } });
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => registerVia(i % 2 ? viaTwin : s.api, 'raced', { runId: run.id, artifactId: artifact.id })));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    const numbers = await Promise.all(answers.map(async (r) => ModelVersionResponse.parse(await r.json()).version.version));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('lists models by name, filtered by a substring, a page at a time', async () => {
    const { run, artifact } = await runWithArtifact(s);
    for (const name of ['list-b', 'list-a', 'list-c']) await registerVia(s.api, name, { runId: run.id, artifactId: artifact.id });
    const first = ModelListResponse.parse(await (await s.api('/api/v1/models?nameLike=LIST-&limit=2')).json());
    expect(first.models.map((m) => m.name)).toEqual(['list-a', 'list-b']);
    const rest = ModelListResponse.parse(await (await s.api(`/api/v1/models?nameLike=list-&limit=2&cursor=${encodeURIComponent(first.next!)}`)).json());
    expect(rest.models.map((m) => m.name)).toEqual(['list-c']);
    expect(rest.next).toBeUndefined();
  });

  it('answers bad input with a 4xx naming the field and the rule', async () => {
    const { run, artifact } = await runWithArtifact(s);
    const cases: [string, RequestInit, number, RegExp][] = [
      ['/api/v1/models/m1/versions', jsonInit('POST', { runId: run.id }), 422, /artifactId/],
      ['/api/v1/models/m1/versions', jsonInit('POST', { runId: 'no-such-run', artifactId: artifact.id }), 404, /run no-such-run/],
      ['/api/v1/models/m1/versions', jsonInit('POST', { runId: run.id, artifactId: 'nope' }), 404, /artifact nope/],
      [`/api/v1/models/${'x'.repeat(257)}/versions`, jsonInit('POST', { runId: run.id, artifactId: artifact.id }), 400, /at most 256/],
      ['/api/v1/models/%20padded/versions', jsonInit('POST', { runId: run.id, artifactId: artifact.id }), 400, /white space/],
      ['/api/v1/models/unknown-model', {}, 404, /unknown-model/],
      ['/api/v1/models?limit=0', {}, 400, /limit/],
      ['/api/v1/models?cursor=garbage', {}, 400, /page token/],
    ];
    for (const [path, init, status, message] of cases) {
      const res = await s.api(path, init);
      expect(res.status, path).toBe(status);
      expect((await res.json()).error.message, path).toMatch(message);
    }
    await registerVia(s.api, 'm2', { runId: run.id, artifactId: artifact.id });
    const badAlias: [string, unknown, number, RegExp][] = [
      ['latest', { version: 1 }, 400, /reserved/],
      ['v3', { version: 1 }, 400, /version number/],
      ['123', { version: 1 }, 400, /starting with a letter/],
      ['ok', { version: 9 }, 404, /version=9/],
      ['ok', { version: 'one' }, 422, /version/],
    ];
    for (const [alias, body, status, message] of badAlias) {
      const res = await s.api(`/api/v1/models/m2/aliases/${alias}`, jsonInit('PUT', body));
      expect(res.status, alias).toBe(status);
      expect((await res.json()).error.message, alias).toMatch(message);
    }
  });

  it('refuses a non-model artifact with 422 naming it', async () => {
    const { run, artifact } = await runWithArtifact(s, { kind: 'file', name: 'notes.txt', meta: {} });
    const res = await registerVia(s.api, 'notes', { runId: run.id, artifactId: artifact.id });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ field: 'artifactId', message: expect.stringMatching(/not a model file/) });
  });

  it('gives students 403 on every registry endpoint', async () => {
    const c = await createClass(s);
    const student = await join(s, c.code, 'Ada');
    const { run, artifact } = await runWithArtifact(s);
    expect((await registerVia(s.api, 'teacher-model', { runId: run.id, artifactId: artifact.id })).status).toBe(201);
    for (const [path, init] of [
      ['/api/v1/models', {}],
      ['/api/v1/models/teacher-model', {}],
      ['/api/v1/models/teacher-model/versions', jsonInit('POST', { runId: run.id, artifactId: artifact.id })],
      ['/api/v1/models/teacher-model/aliases/champion', jsonInit('PUT', { version: 1 })],
    ] as const) {
      expect((await student.api(path, init)).status, path).toBe(403);
    }
  });
});
