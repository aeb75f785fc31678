import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, expectNoPageErrors, waitForKernel } from './notebook-page';

const baseUrl = inject('baseUrl');

describe('Text template (spam transformer) and bench.watch', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Run all on cpu with small settings: corpus downloaded with progress, two runs finished, attention heatmaps, watch histogram on the run page', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, 'Text: spam transformer');
    await page.goto(`${url}?backend=cpu&param.epochs=1&param.trainSize=240&param.vocab=200&param.seqLen=24&param.watchEvery=2`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    // The last cell draws one heatmap per head: Run all got through every cell.
    await expect.poll(() => page.getByTestId('heatmap').count(), { timeout: 300_000, interval: 1000 }).toBe(2);
    await expect.poll(() => page.getByTestId('download-progress').first().innerText()).toMatch(/^SpamAssassin corpus \(5,882 mails\): loaded/);
    const runs = page.locator('section[aria-label^="Run "]');
    expect(await runs.count()).toBe(2);
    for (let i = 0; i < 2; i++) expect((await runs.nth(i).innerText()).toLowerCase()).toMatch(/\bfinished\b/);
    await expect.poll(() => page.getByTestId('heatmap').first().locator('rect').count()).toBeGreaterThan(4);

    const href = await runs.nth(1).locator('a').first().getAttribute('href');
    expect(href).toMatch(/^\/runs\//);
    await page.goto(`${baseUrl}${href}`);
    const panel = page.getByTestId('watch-panel');
    await panel.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.getByTestId('watch-histogram').locator('rect').count()).toBe(8);
    expect(await panel.getByRole('combobox', { name: 'Tensor' }).locator('option').count()).toBeGreaterThan(10);
    await expectNoPageErrors(errors);
    await context.close();
  }, 420_000);
});
