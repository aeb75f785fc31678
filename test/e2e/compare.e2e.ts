import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { runToWire } from '@/lib/track/api';
import { makeRun } from '../server/fixtures';
import { launchChromium, openPage } from './browser';
import { expectNoPageErrors } from './notebook-page';

const baseUrl = inject('baseUrl');
const SLOW_MS = 90_000;

/** Two runs on the server, through the API as any client would: noisy losses that smoothing visibly changes. */
async function seedRuns(): Promise<{ ids: string[]; names: string[] }> {
  const runs = [makeRun({ name: 'baseline lr 0.01', config: { lr: 0.01, epochs: 5 }, status: 'finished' }), makeRun({ name: 'higher lr 0.1', config: { lr: 0.1, epochs: 5 }, status: 'finished' })];
  for (const [i, run] of runs.entries()) {
    const put = await fetch(`${baseUrl}/api/v1/runs/${run.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(runToWire(run)) });
    expect(put.status).toBe(200);
    const points = Array.from({ length: 200 }, (_, step) => [
      { key: 'loss', step, value: (2 + i) / (1 + step / 20) + (step % 2 ? 0.3 : -0.3) * (1 + i), timeMs: run.createdAt + step * 1_000 },
      { key: 'val/accuracy', step, value: 0.5 + 0.4 * (1 - Math.exp(-step / (40 + 30 * i))), timeMs: run.createdAt + step * 1_000 },
    ]).flat();
    const post = await fetch(`${baseUrl}/api/v1/runs/${run.id}/metrics`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ points }) });
    expect(post.status).toBe(200);
  }
  return { ids: runs.map((r) => r.id), names: runs.map((r) => r.name) };
}

/** What the chart's canvas shows, as PNG data: changes whenever a line or a scale does. */
const pixels = (chart: Locator) => chart.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL());
const draws = async (chart: Locator) => Number(await chart.getAttribute('data-draws'));

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/compare-${name}.png`, fullPage: name !== 'view' });
}

describe('compare runs and share a report', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('overlays two runs (legend, smoothing, log y), saves a report and opens its share link in a fresh context', async () => {
    const { ids, names } = await seedRuns();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const { page, errors } = await openPage(context, `${baseUrl}/compare?runs=${ids.join(',')}&smoothing=0`);
    page.setDefaultTimeout(SLOW_MS);

    const loss = page.locator('[data-testid="compare-chart"][data-metric="loss"]');
    await expect.poll(() => draws(loss), { timeout: SLOW_MS }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="compare-chart"]').count()).toBe(2);
    // The legend names both runs, once each.
    const legend = loss.getByRole('list', { name: 'Legend' });
    expect((await legend.locator('li').allInnerTexts()).map((t) => t.trim())).toEqual(names);
    // Hover: every run's value at that x.
    const box = (await loss.locator('canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => loss.getByTestId('hover-value').count()).toBe(2);
    expect(await loss.getByTestId('hover-x').innerText()).toMatch(/^step \d+$/);
    await page.mouse.move(0, 0);

    // Smoothing redraws the lines (raw faint behind): the canvas changes, and so does the URL.
    const rawPixels = await pixels(loss);
    const before = await draws(loss);
    await page.getByLabel('Smoothing').fill('0.9');
    await expect.poll(() => draws(loss)).toBeGreaterThan(before);
    await expect.poll(() => pixels(loss)).not.toBe(rawPixels);
    expect(page.url()).toContain('smoothing=0.9');

    // Log y: a log scale (its bounds are powers of ten) and another picture.
    const linear = { min: Number(await loss.getAttribute('data-y-min')), max: Number(await loss.getAttribute('data-y-max')) };
    const smoothPixels = await pixels(loss);
    const linearDraws = await draws(loss);
    await page.getByLabel('Log y').check();
    // The chart is rebuilt with a log scale (asynchronously): wait for its first draw.
    await expect.poll(() => loss.getAttribute('data-log-y')).toBe('true');
    await expect.poll(() => draws(loss), { timeout: 10_000 }).toBeGreaterThan(linearDraws).catch((e) => {
      throw new Error(`${e}\n${errors.join('\n')}`);
    });
    const log = { min: Number(await loss.getAttribute('data-y-min')), max: Number(await loss.getAttribute('data-y-max')) };
    expect(log).not.toEqual(linear);
    expect(Math.log10(log.max) % 1).toBeCloseTo(0, 6);
    expect(await pixels(loss)).not.toBe(smoothPixels);

    // The config diff shows the one key that differs.
    const diff = page.getByTestId('config-diff');
    expect(await diff.locator('tbody tr').count()).toBe(1);
    expect(await diff.locator('tbody tr').innerText()).toMatch(/lr\s+0\.01\s+0\.1/);
    expect(await page.getByTestId('parallel-coordinates').count()).toBe(1);
    expect(await page.getByTestId('param-scatter').locator('circle').count()).toBe(2);
    await page.getByLabel('Log y').uncheck();
    await expect.poll(() => loss.getAttribute('data-log-y')).toBe('false');
    await shot(page, 'view');

    // Save as report, with a formula in its text.
    await page.getByRole('button', { name: 'Save as report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as report' });
    await dialog.getByLabel('Title').fill('Learning rate study');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/reports\/[^/]+$/);
    await page.getByRole('heading', { name: 'Learning rate study' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel(/^Text block 1/).fill('The loss $\\mathcal{L}$ falls faster with a higher rate.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.katex').first().waitFor();

    await page.getByRole('button', { name: 'Share' }).click();
    const shareDialog = page.getByRole('dialog', { name: 'Share this report' });
    await shareDialog.getByRole('button', { name: 'Create link' }).click();
    const link = await shareDialog.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(/\/share\/[A-Za-z0-9_-]{22,}$/);
    await expectNoPageErrors(errors);

    // A fresh context (no local data, no settings) opens the link read-only.
    const stranger = await browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled: true });
    const { page: shared, errors: sharedErrors } = await openPage(stranger, link);
    shared.setDefaultTimeout(SLOW_MS);
    await shared.getByTestId('shared-report').waitFor();
    expect(await shared.getByRole('heading', { level: 1 }).innerText()).toBe('Learning rate study');
    expect(await shared.locator('.katex').count()).toBeGreaterThan(0);
    const sharedLoss = shared.locator('[data-testid="compare-chart"][data-metric="loss"]');
    await expect.poll(() => draws(sharedLoss)).toBeGreaterThan(0);
    expect((await sharedLoss.getByRole('list', { name: 'Legend' }).locator('li').allInnerTexts()).map((t) => t.trim())).toEqual(names);
    expect(await shared.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    await shot(shared, 'shared-report');
    await expectNoPageErrors(sharedErrors);

    // Revoked: the link is dead.
    await shareDialog.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => shareDialog.getByRole('textbox', { name: 'Share link' }).count()).toBe(0);
    const gone = await shared.goto(link);
    expect(gone?.status()).toBe(404);
    await stranger.close();
    await context.close();
  });
});
