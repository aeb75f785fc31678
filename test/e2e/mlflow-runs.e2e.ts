import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { expectNoPageErrors } from './notebook-page';

const baseUrl = inject('baseUrl');
/** Default wait for a locator: the dev server on a shared 2-core machine can take this long to answer. */
const SLOW_MS = 90_000;

/** One MLflow REST call, as the Python client makes it (JSON POST / query GET), on loopback with no token. */
async function mlflow<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`MLflow ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe('runs logged through the MLflow REST API', () => {
  let browser: Browser;
  const stamp = Date.now().toString(36);
  const runName = `mlflow-e2e-${stamp}`;
  const losses = [0.92, 0.61, 0.44, 0.37, 0.31];
  let runId: string;
  let experimentId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ experiment_id: experimentId } = await mlflow<{ experiment_id: string }>('experiments/create', { name: `e2e-${stamp}` }));
    const t0 = Date.now() - 60_000;
    const created = await mlflow<{ run: { info: { run_id: string } } }>('runs/create', {
      experiment_id: experimentId,
      run_name: runName,
      start_time: t0,
      tags: [{ key: 'mlflow.source.name', value: 'train.py' }],
    });
    runId = created.run.info.run_id;
    await mlflow('runs/log-batch', { run_id: runId, metrics: [], params: [{ key: 'lr', value: '0.01' }], tags: [] });
    for (const [step, value] of losses.entries()) {
      await mlflow('runs/log-metric', { run_id: runId, key: 'train_loss', value, timestamp: t0 + 1_000 * (step + 1), step });
      await mlflow('runs/log-metric', { run_id: runId, key: 'val_accuracy', value: 0.5 + step / 10, timestamp: t0 + 1_000 * (step + 1), step });
    }
    await mlflow('runs/update', { run_id: runId, status: 'FINISHED', end_time: t0 + 6_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('/runs lists the MLflow run beside local runs, marked as coming from the server', async () => {
    // A fresh context: this browser's IndexedDB is empty, so the row can only come from the server.
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/runs`);
    page.setDefaultTimeout(SLOW_MS);
    const row = page.locator('table tbody tr', { has: page.locator(`a[href="/runs/${runId}"]`) });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.locator('a').first().innerText()).toBe(runName);
    // Only runs this browser holds carry an origin badge (local / both): a server row has none.
    expect(await row.getByTestId('run-origin').count()).toBe(0);
    const text = await row.innerText();
    expect(text).toContain('finished');
    expect(text).toContain('mlflow'); // the backend column
    // The filter language finds it by name and by its MLflow param (a string there).
    await page.getByRole('searchbox', { name: 'Filter runs' }).fill(`name = "${runName}" and params.lr = "0.01"`);
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(1);
    expect(await page.getByTestId('server-runs-notice').count()).toBe(0);
    // The home page's recent runs (the newest few) include server runs too: log one more, started now.
    const latest = await mlflow<{ run: { info: { run_id: string } } }>('runs/create', { experiment_id: experimentId, run_name: `${runName}-latest`, start_time: Date.now() });
    await page.goto(`${baseUrl}/`);
    const recent = page.getByRole('table', { name: 'Recent runs' }).locator('tbody tr', { has: page.locator(`a[href="/runs/${latest.run.info.run_id}"]`) });
    await recent.waitFor({ timeout: 60_000 });
    expect(await recent.getByTestId('run-origin').getAttribute('data-origin')).toBe('server');
    await mlflow('runs/update', { run_id: latest.run.info.run_id, status: 'FINISHED', end_time: Date.now() });
    await expectNoPageErrors(errors);
    await context.close();
  });

  it('/runs/<id> falls back to the server and draws its metric charts', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/runs`);
    page.setDefaultTimeout(SLOW_MS);
    await page.locator(`a[href="/runs/${runId}"]`).click();
    await page.waitForURL(`**/runs/${runId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 60_000 }).toContain(runName);
    expect(await page.getByText('Run on the sync server').count()).toBe(1);
    expect(await page.title()).toContain(runName);
    const charts = page.getByTestId('run-chart');
    await charts.first().locator('canvas').first().waitFor({ timeout: 30_000 });
    expect(await charts.count()).toBe(2);
    const titles = await charts.allInnerTexts();
    expect(titles.some((t) => t.includes('train_loss'))).toBe(true);
    expect(titles.some((t) => t.includes('val_accuracy'))).toBe(true);
    // Config from the MLflow params, summary from the points (5 of each).
    expect(await page.getByRole('region', { name: 'Config' }).innerText()).toContain('0.01');
    expect(await page.getByRole('region', { name: 'Summary' }).innerText()).toMatch(/train_loss\s+last 0\.31 · min 0\.31 · max 0\.92 · 5 points/);
    await expectNoPageErrors(errors);
    await context.close();
  });

  it('the page of a run an MLflow client is still logging to follows it live', async () => {
    const liveName = `mlflow-live-${stamp}`;
    const { run } = await mlflow<{ run: { info: { run_id: string } } }>('runs/create', { experiment_id: experimentId, run_name: liveName });
    const liveId = run.info.run_id;
    const log = (step: number) => mlflow('runs/log-metric', { run_id: liveId, key: 'loss', value: 1 / (step + 1), timestamp: Date.now(), step });
    await log(0);
    await log(1);

    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/runs/${liveId}`);
    page.setDefaultTimeout(SLOW_MS);
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toMatch(/loss\s+last 0\.5 · .* · 2 points/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('running');

    // The client logs on and ends the run: the open page catches up without a reload.
    await log(2);
    await log(3);
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toMatch(/loss\s+last 0\.25 · .* · 4 points/);
    await mlflow('runs/update', { run_id: liveId, status: 'FINISHED', end_time: Date.now() });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 30_000 }).toContain('finished');
    await expectNoPageErrors(errors);
    await context.close();
  });

  it('/runs/<id> of a run neither here nor on the server says so', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${baseUrl}/runs/no-such-run-${stamp}`);
    page.setDefaultTimeout(SLOW_MS);
    await page.getByText('Run not found').waitFor({ timeout: 60_000 });
    expect(await page.getByText(/is in this browser or on the sync server/).count()).toBe(1);
    await context.close();
  });
});
