import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, expectNoPageErrors, runSection, waitForKernel, waitForRunEnd } from './notebook-page';

const baseUrl = inject('baseUrl');
const SERVER_API = '**/api/v1/**';
/** Default wait for a locator: the dev server on a shared 2-core machine can take this long to answer. */
const SLOW_MS = 90_000;

/** A run's sync chip on its page: the state (data attribute) and what the user reads. */
async function chip(page: Page): Promise<{ state: string | null; text: string }> {
  // One read of both, so a state change between two reads cannot pair one state with another's text.
  return page.getByTestId('sync-status').evaluate((el: HTMLElement) => ({ state: el.dataset.syncState ?? null, text: el.innerText }));
}

/** "last … · min … · max … · N points" of one key in the run page's Summary table. */
async function localPointCount(page: Page, key: string): Promise<number> {
  const row = page.getByRole('region', { name: 'Summary' }).locator('tr', { hasText: key }).first();
  const match = /(\d+) points/.exec(await row.innerText());
  if (!match) throw new Error(`no point count for ${key} in: ${await row.innerText()}`);
  return Number(match[1]);
}

/** With E2E_SCREENSHOT_DIR set, saves what the user sees at this point (for a look by eye). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/sync-share-${name}.png`, fullPage: true });
}

async function api(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${baseUrl}${path}`, init);
}

describe('offline-first sync and share links', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let runId: string;
  let runName: string;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('a run trained while the server is down waits in the outbox, then syncs when it is back', async () => {
    // A retry starts clean: a tab left open by a failed try would hold the sync lock.
    await page?.close();
    await context.unrouteAll();
    // The server is "down" for this browser: every /api/v1 request fails at the network level.
    await context.route(SERVER_API, (route) => route.abort('connectionrefused'));
    ({ page, errors } = await openPage(context, `${baseUrl}/`));
    page.setDefaultTimeout(SLOW_MS);
    const url = await createFromTemplate(page, baseUrl, '2-D playground');
    await page.goto(`${url}?backend=cpu&param.epochs=2`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 200_000)).toBe('finished');
    const runHref = await runSection(page).locator('a').first().getAttribute('href');
    expect(runHref).toMatch(/^\/runs\/[^/]+$/);
    runId = decodeURIComponent(runHref!.slice('/runs/'.length));

    // The run page says it is not on the server yet, and why; the nav points at the trouble.
    await page.goto(`${baseUrl}${runHref}`);
    runName = (await page.getByRole('heading', { level: 1 }).innerText()).split('\n')[0].trim();
    expect(runName.length).toBeGreaterThan(0);
    await expect.poll(async () => (await chip(page)).state, { timeout: 30_000 }).toBe('offline');
    expect((await chip(page)).text).toMatch(/^Offline · [1-9]\d* queued$/);
    expect(await page.getByTestId('nav-sync-trouble').count()).toBe(1);
    await shot(page, 'run-offline');
    expect((await api(`/api/v1/runs/${encodeURIComponent(runId)}`)).status).toBe(404);

    // /runs still lists it from this browser, with a quiet note that the server is unreachable.
    await page.goto(`${baseUrl}/runs`);
    const row = page.locator('table tbody tr', { has: page.locator(`a[href="${runHref}"]`) });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('server-runs-notice').getAttribute('data-state'), { timeout: 30_000 }).toBe('error');
    expect(await page.getByTestId('server-runs-notice').innerText()).toMatch(/cannot be reached/);
    expect(await row.innerText()).toContain('finished');
    await shot(page, 'runs-offline');

    // The server comes back: without a reload, the backoff loop ships the outbox.
    await page.goto(`${baseUrl}${runHref}`);
    await expect.poll(async () => (await chip(page)).state, { timeout: 30_000 }).toBe('offline');
    await context.unroute(SERVER_API);
    const t0 = Date.now();
    await expect.poll(async () => (await chip(page)).state, { timeout: 120_000, interval: 1_000 }).toBe('synced');
    console.log(`synced ${((Date.now() - t0) / 1000).toFixed(1)} s after the server came back`);
    expect((await chip(page)).text).toBe('Synced');
    await shot(page, 'run-synced');
    expect(await page.getByTestId('nav-sync-trouble').count()).toBe(0);

    // The server holds the run and every point this browser logged.
    const res = await api(`/api/v1/runs/${encodeURIComponent(runId)}`);
    expect(res.status).toBe(200);
    const { run } = (await res.json()) as { run: { name: string; status: string } };
    expect(run).toMatchObject({ name: runName, status: 'finished' });
    const { keys } = (await (await api(`/api/v1/runs/${encodeURIComponent(runId)}/metrics/keys`)).json()) as { keys: Array<{ key: string; count: number }> };
    const results = keys.filter((k) => !/^(batch|perf|memory|sys)[/_.]/.test(k.key));
    expect(results.length).toBeGreaterThan(0);
    for (const k of results) expect(k.count, k.key).toBe(await localPointCount(page, k.key));
    expect(results.find((k) => /loss/.test(k.key))?.count).toBe(2); // one per epoch

    // /runs now shows it in both places.
    await page.goto(`${baseUrl}/runs`);
    const synced = page.locator('table tbody tr', { has: page.locator(`a[href="${runHref}"]`) });
    await expect.poll(() => synced.getByTestId('run-origin').getAttribute('data-origin'), { timeout: 30_000 }).toBe('both');
    expect(await page.getByTestId('server-runs-notice').count()).toBe(0);
    await shot(page, 'runs-synced');
  });

  it('a share link shows the run read-only in a browser without it, and stops working once revoked', async () => {
    expect(runId, 'needs the synced run of the previous test').toBeTruthy();
    await page.goto(`${baseUrl}/runs/${encodeURIComponent(runId)}`);
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this run' });
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const linkInput = dialog.getByRole('textbox', { name: 'Share link' });
    await linkInput.waitFor({ timeout: 30_000 });
    const link = await linkInput.inputValue();
    await shot(page, 'share-dialog');
    expect(link).toMatch(new RegExp(`^${baseUrl.replace(/[.:/]/g, '\\$&')}/share/[A-Za-z0-9_-]{20,}$`));

    // Someone else's browser: no IndexedDB, no sync settings.
    const other = await browser.newContext();
    const { page: viewer, errors: viewerErrors } = await openPage(other, link);
    viewer.setDefaultTimeout(SLOW_MS);
    await expect.poll(() => viewer.getByRole('heading', { level: 1 }).innerText(), { timeout: 60_000 }).toContain(runName);
    expect(await viewer.getByText(/Shared run · read-only/).count()).toBe(1);
    const chart = viewer.getByTestId('run-chart').first();
    await chart.locator('canvas').first().waitFor({ timeout: 30_000 });
    expect(await viewer.getByTestId('run-chart').count()).toBeGreaterThan(0);
    // Read-only: nothing to share, delete or run.
    expect(await viewer.getByRole('button', { name: 'Share' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: /Run/ }).count()).toBe(0);
    await expectNoPageErrors(viewerErrors);
    await shot(viewer, 'shared');

    // Revoke: the link list empties, the API forgets the token, the open link says so on reload.
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Share link' }).count(), { timeout: 30_000 }).toBe(0);
    const token = link.slice(link.lastIndexOf('/') + 1);
    expect((await api(`/api/v1/shares/${token}`)).status).toBe(404);
    await viewer.reload();
    await viewer.getByText('Link not found').waitFor({ timeout: 60_000 });
    expect(await viewer.getByText(/does not exist or was revoked/).count()).toBe(1);
    expect(await viewer.getByTestId('run-chart').count()).toBe(0);
    expect(await viewer.getByText(runName).count()).toBe(0);
    await shot(viewer, 'revoked');
    await other.close();
    await expectNoPageErrors(errors);
  });
});
