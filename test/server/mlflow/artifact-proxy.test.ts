import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../harness';
import { rawRequest } from '../security/raw-http';
import { replayExchange, type Exchange } from './exchange';

const exchange = JSON.parse(fs.readFileSync(path.join(__dirname, 'exchanges/log-artifacts-and-model.json'), 'utf8')) as Exchange;
const PROXY = '/api/2.0/mlflow-artifacts/artifacts';

/**
 * MLflow's artifact proxy: the request sequence MLflow's Python client sends for log_artifact,
 * log_model and download_artifacts (a recorded exchange, see the fixture's `about`), then what a
 * hostile client tries: traversal, absolute paths, NUL, oversize bodies, students.
 */
describe.each(BACKENDS)('MLflow artifact proxy (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ backend, env: { BENCHTOP_MAX_ARTIFACT_BYTES: String(64 * 1024) } });
  });
  afterAll(async () => s?.close());

  it('serves log_artifact, log_model and download_artifacts as the MLflow client sends them', async () => {
    const vars = await replayExchange(s, exchange);
    // The bytes are on disk under the data dir, where the run's artifact_uri says.
    const onDisk = path.join(s.dataDir, 'mlflow-artifacts', vars.root, 'model', 'model.onnx');
    expect(fs.readFileSync(onDisk)).toEqual(Buffer.from('CAcSB3B5dG9yY2g6AA==', 'base64'));
    // runs/log-model kept the MLmodel where MLflow's server keeps it.
    const run = (await (await s.api(`/api/2.0/mlflow/runs/get?run_id=${vars.run_id}`)).json()).run;
    const history = run.data.tags.find((t: { key: string }) => t.key === 'mlflow.log-model.history');
    expect(JSON.parse(history.value)).toEqual([expect.objectContaining({ artifact_path: 'model', run_id: vars.run_id })]);
  });

  it('replaces a file uploaded twice and keeps no partial files', async () => {
    for (const text of ['first', 'second, longer']) expect((await s.api(`${PROXY}/0/r1/artifacts/a.txt`, { method: 'PUT', body: text })).status).toBe(200);
    expect(await (await s.api(`${PROXY}/0/r1/artifacts/a.txt`)).text()).toBe('second, longer');
    const names = fs.readdirSync(path.join(s.dataDir, 'mlflow-artifacts', '0', 'r1', 'artifacts'));
    expect(names).toEqual(['a.txt']);
  });

  it('refuses a body over the size limit with 413 naming the limit, streamed or declared, and keeps nothing', async () => {
    const big = new Uint8Array(64 * 1024 + 1);
    const declared = await s.api(`${PROXY}/0/r2/artifacts/big.bin`, { method: 'PUT', body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('65,536 bytes (64 KiB)') });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(8 * 1024));
        c.close();
      },
    });
    const chunked = await s.api(`${PROXY}/0/r2/artifacts/big.bin`, { method: 'PUT', body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await s.api(`${PROXY}/0/r2/artifacts/big.bin`)).status).toBe(404);
    expect(fs.existsSync(path.join(s.dataDir, 'mlflow-artifacts', '0', 'r2', 'artifacts')) ? fs.readdirSync(path.join(s.dataDir, 'mlflow-artifacts', '0', 'r2', 'artifacts')) : []).toEqual([]);
  });

  it('refuses traversal, absolute, NUL and backslash paths with 400 and writes nothing outside its root', async () => {
    const outside = path.join(s.dataDir, 'escaped.txt');
    const bad = ['..%2F..%2Fescaped.txt', 'a%2F..%2F..%2F..%2Fescaped.txt', '%2Fetc%2Fpasswd', 'a%00b.txt', 'a%5C..%5Cb.txt', 'a%2F%2Fb.txt', 'x.txt~partial'];
    for (const p of bad) {
      const res = await s.api(`${PROXY}/${p}`, { method: 'PUT', body: 'x' });
      expect(res.status, p).toBe(400);
      expect((await res.json()).error_code, p).toBe('INVALID_PARAMETER_VALUE');
    }
    for (const p of ['../../escaped.txt', '%2e%2e/%2e%2e/escaped.txt', 'a/./../../../escaped.txt']) {
      // Raw HTTP: fetch would resolve the dots before sending. The URL parser resolves them on the server too: no route, or a path inside the root.
      const res = await rawRequest(`${s.url}${PROXY}/${p}`, { method: 'PUT', body: 'x', headers: { authorization: `Bearer ${s.token}` } });
      expect(res.status, p).toBeGreaterThanOrEqual(400);
    }
    for (const q of ['../', '/etc', 'a/../../b', 'a%00']) {
      const res = await s.api(`${PROXY}?path=${encodeURIComponent(q).replace('%2500', '%00')}`);
      expect(res.status, q).toBe(400);
    }
    expect(fs.existsSync(outside)).toBe(false);
    expect(fs.existsSync('/etc/passwd~')).toBe(false);
  });

  it('answers a missing file 404 RESOURCE_DOES_NOT_EXIST, a directory download 400, a file under a file 400', async () => {
    const missing = await s.api(`${PROXY}/0/nope/artifacts/x.txt`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    await s.api(`${PROXY}/0/r3/artifacts/dir/f.txt`, { method: 'PUT', body: 'f' });
    const dir = await s.api(`${PROXY}/0/r3/artifacts/dir`);
    expect(dir.status).toBe(400);
    expect((await dir.json()).message).toMatch(/is a directory/);
    const under = await s.api(`${PROXY}/0/r3/artifacts/dir/f.txt/g.txt`, { method: 'PUT', body: 'g' });
    expect(under.status).toBe(400);
    expect((await under.json()).message).toMatch(/parent of it is a file/);
  });

  it('downloads as an attachment with nosniff, never as a page', async () => {
    await s.api(`${PROXY}/0/r4/artifacts/page.html`, { method: 'PUT', body: '<script>alert(1)</script>' });
    const res = await s.api(`${PROXY}/0/r4/artifacts/page.html`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="page.html"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers multipart uploads as MLflow over a local store does (501), so a client with MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD falls back to one PUT', async () => {
    // The client's check (mlflow/store/artifact/http_artifact_repo.py): an HTTPError whose JSON
    // message starts with _UnsupportedMultipartUploadException.MESSAGE → upload with one PUT.
    const CLIENT_MESSAGE = 'Multipart upload is not supported for the current artifact repository';
    const create = await s.api('/api/2.0/mlflow-artifacts/mpu/create/0/r6/artifacts/big.bin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: 'big.bin', num_parts: 3 }) });
    expect(create.status).toBe(501);
    const answer = await create.json();
    expect(answer).toEqual({ error_code: 'NOT_IMPLEMENTED', message: CLIENT_MESSAGE });
    expect((answer.message as string).startsWith(CLIENT_MESSAGE)).toBe(true);
    const put = await s.api(`${PROXY}/0/r6/artifacts/big.bin`, { method: 'PUT', body: 'the whole file' });
    expect(put.status).toBe(200);
    expect(await (await s.api(`${PROXY}/0/r6/artifacts/big.bin`)).text()).toBe('the whole file');
    for (const step of ['complete', 'abort']) {
      const res = await s.api(`/api/2.0/mlflow-artifacts/mpu/${step}/0/r6/artifacts/big.bin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: 'big.bin', upload_id: 'u1', parts: [] }) });
      expect([step, res.status, await res.json()]).toEqual([step, 501, { error_code: 'NOT_IMPLEMENTED', message: CLIENT_MESSAGE }]);
    }
    // The path is checked first, as MLflow's handler does.
    const unsafe = await s.api('/api/2.0/mlflow-artifacts/mpu/create/..%2F..%2Fx.bin', { method: 'POST', body: '{}' });
    expect(unsafe.status).toBe(400);
    expect((await unsafe.json()).error_code).toBe('INVALID_PARAMETER_VALUE');
    expect((await s.api('/api/2.0/mlflow-artifacts/mpu/create/0/r6/x.bin', { method: 'POST', body: '{}', auth: false })).status).toBe(401);
  });

  it('needs the workspace token (401 in MLflow shape) and refuses artifacts/list for an unknown run', async () => {
    const res = await s.api(`${PROXY}/0/r5/artifacts/a.txt`, { method: 'PUT', body: 'x', auth: false });
    expect(res.status).toBe(401);
    expect((await res.json()).error_code).toBe('UNAUTHENTICATED');
    const list = await s.api('/api/2.0/mlflow/artifacts/list?run_id=nope');
    expect(list.status).toBe(404);
    expect((await list.json()).error_code).toBe('RESOURCE_DOES_NOT_EXIST');
  });
});
