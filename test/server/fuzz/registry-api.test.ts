import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { artifactKey } from '@/lib/server/artifact-store';
import { registryRoutes } from '@/lib/server/registry/routes';
import { BACKENDS } from '../harness';
import { makeRun } from '../fixtures';
import { expectHealthy, expectSeedsAccepted, FUZZ_TIMEOUT_MS, fuzzBodies, printCollected, startFuzzServer, type FuzzServer } from './fuzz-server';
import { fuzzRoutePaths } from './route-paths';

/** Property-based fuzz of /api/v1/models (issue 15): never a 5xx, every 4xx in the error shape, valid registrations still land. */
describe.each(BACKENDS)('fuzz: /api/v1/models (%s)', (backend) => {
  let s: FuzzServer;
  const run = makeRun({ id: 'fuzz-registry-run' });
  const artifactId = 'fuzz-registry-run.onnx.1';

  beforeAll(async () => {
    s = await startFuzzServer(backend);
    expect((await s.send('PUT', `/api/v1/runs/${run.id}`, runToWire(run))).status).toBe(200);
    const bytes = new TextEncoder().encode('onnx');
    const { services } = s.tracking;
    await services.artifactStore.write(artifactKey(run.id, artifactId), (async function* () {
      yield bytes;
    })());
    await services.artifacts.put({ id: artifactId, runId: run.id, name: 'm.onnx', kind: 'onnx', sizeBytes: 4, sha256: '0'.repeat(64), createdAt: 1 }, artifactKey(run.id, artifactId));
  });
  afterAll(async () => {
    printCollected();
    await s?.close();
  });

  it(
    'POST /models/:name/versions and PUT /models/:name/aliases/:alias',
    async () => {
      const seeds = [{ runId: run.id, artifactId }, { runId: run.id, artifactId, description: 'int8 ✓' }];
      await expectSeedsAccepted(s, 'POST', '/api/v1/models/fuzzed/versions', seeds);
      expect((await fuzzBodies(s, { method: 'POST', path: '/api/v1/models/fuzzed/versions', seeds }))['2xx']).toBeGreaterThan(0);
      const aliasSeeds = [{ version: 1 }, { version: 2 }];
      await expectSeedsAccepted(s, 'PUT', '/api/v1/models/fuzzed/aliases/champion', aliasSeeds);
      expect((await fuzzBodies(s, { method: 'PUT', path: '/api/v1/models/fuzzed/aliases/champion', seeds: aliasSeeds }))['2xx']).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'every registry route with fuzzed path parameters and query strings',
    async () => {
      const cases = await fuzzRoutePaths(s, { routes: registryRoutes, known: { name: ['fuzzed'], alias: ['champion'] }, queryNames: ['nameLike', 'limit', 'cursor'] });
      expect(cases).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('still answers afterwards, version numbers without gaps or repeats', async () => {
    await expectHealthy(s, ['/api/v1/models', '/api/v1/models/fuzzed']);
    const versions = (await s.tracking.services.registry.listVersions('fuzzed')).map((v) => v.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => versions.length - i));
  });
});
