import type { Page } from 'playwright-core';
import { createClass, publishAssignment } from './classroom-seed';
import { createSweepHttpClient } from '@/lib/sweep/http-client';
import { mnistOnnx } from '@/bench/lib/mnist-onnx';
import { registerOnnxOverHttp } from '@/bench/lib/register-onnx-http';

/**
 * Server-side content for the page checks, made over HTTP as other clients make it: a sweep with
 * three finished trials (so its page has a table, charts and importance) and a run logged through
 * MLflow's REST API (a run only the server has).
 */
export async function seedServerSweep(baseUrl: string): Promise<string> {
  const client = createSweepHttpClient({ baseUrl });
  const spec = [
    'method: random',
    'run_cap: 3',
    'metric: {name: val/loss, goal: minimize}',
    'parameters:',
    '  lr: {distribution: log_uniform_values, min: 0.001, max: 0.1}',
    '  units: {values: [4, 8, 16]}',
  ].join('\n');
  const sweep = await client.create({ name: 'accessibility sweep', spec, seed: 3 });
  const agentId = 'a11y-agent';
  for (let i = 0; i < 3; i++) {
    const lease = await client.lease(sweep.id, agentId);
    if (lease.kind !== 'trial') throw new Error(`expected a trial, got ${JSON.stringify(lease)}`);
    const loss = 0.7 - 0.1 * i;
    await client.report(sweep.id, { agentId, trialId: lease.trialId, epoch: 1, value: loss + 0.1 });
    await client.report(sweep.id, { agentId, trialId: lease.trialId, epoch: 2, value: loss });
    await client.finish(sweep.id, { agentId, trialId: lease.trialId, status: 'finished', metric: loss });
  }
  return sweep.id;
}

async function mlflow<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`MLflow ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A finished MLflow run with params and two metrics over five steps; returns its id. */
export async function seedMlflowRun(baseUrl: string): Promise<string> {
  const { experiment_id } = await mlflow<{ experiment_id: string }>(baseUrl, 'experiments/create', { name: `a11y-${Date.now().toString(36)}` });
  const t0 = Date.now() - 60_000;
  const created = await mlflow<{ run: { info: { run_id: string } } }>(baseUrl, 'runs/create', { experiment_id, run_name: 'mlflow a11y run', start_time: t0 });
  const runId = created.run.info.run_id;
  const metrics = [0.9, 0.6, 0.45, 0.38, 0.33].flatMap((loss, step) => [
    { key: 'train_loss', value: loss, timestamp: t0 + 1_000 * (step + 1), step },
    { key: 'val_accuracy', value: 0.5 + step / 10, timestamp: t0 + 1_000 * (step + 1), step },
  ]);
  await mlflow(baseUrl, 'runs/log-batch', { run_id: runId, metrics, params: [{ key: 'lr', value: '0.01' }], tags: [] });
  await mlflow(baseUrl, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: t0 + 6_000 });
  return runId;
}

/** A class (trusted local: the test process is on loopback) with one small assignment; returns its join code. */
export async function seedClass(baseUrl: string, name: string): Promise<string> {
  const created = await createClass(baseUrl, name);
  await publishAssignment(baseUrl, created.id, 'A11y assignment', 'val/accuracy', 'max');
  return created.code;
}

/** Joins the class in `page`'s browser (through the join page, so it gets the cookie), opens the assignment; returns the copy's id. */
export async function joinSeededClass(page: Page, baseUrl: string, code: string, name: string): Promise<string> {
  await page.goto(`${baseUrl}/join/${code}`);
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  await page.getByRole('button', { name: 'Join the class' }).click();
  await page.waitForURL(`${baseUrl}/class`);
  await page.getByRole('button', { name: /^Open / }).first().click();
  await page.waitForURL(/\/notebooks\/[^/?]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
}

/**
 * A report over some runs (a formula in its text, a chart of `metric`) and a share link to it,
 * through the API (trusted local); returns the report's id and the link's token.
 */
export async function seedReport(baseUrl: string, runIds: string[], metric: string): Promise<{ reportId: string; token: string }> {
  const post = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const blocks = [
    { kind: 'markdown', text: '## Findings\n\nThe loss $\\mathcal{L}$ falls with every epoch.' },
    { kind: 'chart', metric, x: 'step', smoothing: 0.5, logY: false },
  ];
  const { report } = await post<{ report: { id: string } }>('/api/v1/reports', { title: 'A11y report', blocks, runs: { ids: runIds } });
  const { share } = await post<{ share: { token: string } }>(`/api/v1/reports/${report.id}/shares`);
  return { reportId: report.id, token: share.token };
}

/** A registered MNIST MLP (int8, seeded) with 20 predictions, an alert rule and a predict token: the model pages have charts and lists. Returns its name. */
export async function seedServedModel(baseUrl: string): Promise<string> {
  const name = `a11y-model-${Date.now().toString(36)}`;
  await registerOnnxOverHttp({ baseUrl, name, bytes: await mnistOnnx('mnist-mlp') });
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${baseUrl}/api/v1/models/${name}/1/predict`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-benchtop-dims': '1,784' }, body: new Uint8Array(new Float32Array(784).fill(i / 20).buffer) });
    if (!res.ok) throw new Error(`predict: HTTP ${res.status}`);
  }
  const rule = { target: { kind: 'model', name, version: 1 }, metric: 'latency_p95_ms', comparator: '>', threshold: 1000, windowMinutes: 10 };
  const res = await fetch(`${baseUrl}/api/v1/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) });
  if (res.status !== 201) throw new Error(`alert rule: HTTP ${res.status}`);
  const token = await fetch(`${baseUrl}/api/v1/models/${name}/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ label: 'a11y kiosk' }) });
  if (token.status !== 201) throw new Error(`predict token: HTTP ${token.status}`);
  return name;
}
