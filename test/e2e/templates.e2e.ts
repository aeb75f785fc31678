import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { cellOutput, createFromTemplate, expectNoPageErrors, waitForKernel } from './notebook-page';

const baseUrl = inject('baseUrl');

/**
 * Each data template's Run all on the cpu backend with the smallest settings that still run every
 * cell (each template reads `?param.*` overrides; with no dataset dropped they train on the
 * shipped samples). Timings on this machine are in the README (Measured figures).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The run views on the page (one per bench.train / bench.randomForest), in the order they started. */
const runViews = (page: Page) => page.locator('section[aria-label^="Run "]');

/** Waits until `count` run views show a terminal status (or a cell failed) and returns the statuses. */
async function waitForRuns(page: Page, count: number, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = (await runViews(page).allInnerTexts()).map((t) => t.toLowerCase());
    const statuses = texts.map((t) => ['finished', 'failed', 'stopped', 'crashed'].find((s) => new RegExp(`\\b${s}\\b`).test(t)) ?? 'running');
    if (statuses.length >= count && statuses.every((s) => s !== 'running')) return statuses;
    if (statuses.some((s) => s !== 'running' && s !== 'finished')) return statuses;
    const failed = await page.getByRole('region', { name: /^Output of / }).getByRole('alert').allInnerTexts();
    if (failed.length) throw new Error(`a cell failed: ${failed.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`${count} runs did not end within ${timeoutMs} ms; the page shows ${statuses.join(', ') || 'no run'}`);
    await page.waitForTimeout(500);
  }
}

/** Creates a notebook from the template, opens it on cpu with `params`, and presses Run all. */
async function runTemplate(title: string, params: Record<string, number>): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context, `${baseUrl}/`);
  const url = await createFromTemplate(page, baseUrl, title);
  const query = Object.entries(params).map(([k, v]) => `&param.${k}=${v}`).join('');
  await page.goto(`${url}?backend=cpu${query}`);
  expect(await waitForKernel(page)).toBe('cpu');
  await page.getByRole('button', { name: 'Run all' }).click();
  return { page, errors, close: () => context.close() };
}

describe('data templates: Run all on cpu with small settings', () => {
  it('text: BPE tokenizer, baseline and transformer runs finished, one attention heatmap per head, watch histograms on the run page', async () => {
    const { page, errors, close } = await runTemplate('Text: spam transformer', { epochs: 1, trainSize: 240, validationSplit: 0.05, vocab: 200, seqLen: 24, watchEvery: 4 });
    expect(await waitForRuns(page, 2, 150_000)).toEqual(['finished', 'finished']);
    // The last cell draws one heatmap per head: Run all got through every cell.
    await expect.poll(() => page.getByTestId('heatmap').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('heatmap').first().locator('rect').count()).toBeGreaterThan(4);
    expect(await page.getByTestId('download-progress').first().innerText()).toMatch(/^SpamAssassin corpus \(5,882 mails\): loaded/);
    await page.goto(`${baseUrl}${await runViews(page).nth(1).locator('a').first().getAttribute('href')}`);
    const panel = page.getByTestId('watch-panel');
    await panel.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.getByTestId('watch-histogram').locator('rect').count()).toBe(8);
    expect(await panel.getByRole('combobox', { name: 'Tensor' }).locator('option').count()).toBeGreaterThan(10);
    await expectNoPageErrors(errors);
    await close();
  }, 200_000);

  /** The CNN templates: one training cell, one run; cell 2 prints what was loaded. */
  const cnnTemplates = [
    { name: 'speech: log-mel spectrograms of the shipped words', title: 'Keyword spotting (speech)', loaded: 'words: down (24), left (24), no (24), right (24), up (24), yes (24)' },
    { name: 'images: the shipped shapes', title: 'Your images: small CNN', loaded: 'classes: circle (60), square (60), triangle (60)' },
  ];
  for (const { name, title, loaded } of cnnTemplates) {
    it(`${name}, the CNN run finished`, async () => {
      const { page, errors, close } = await runTemplate(title, { epochs: 1 });
      expect(await waitForRuns(page, 1, 120_000)).toEqual(['finished']);
      expect(await cellOutput(page, 1).innerText()).toContain(loaded);
      await expectNoPageErrors(errors);
      await close();
    }, 150_000);
  }

  it('tables: the sample plants, random forest and MLP runs both finished and compared', async () => {
    const { page, errors, close } = await runTemplate('Your table: forest vs MLP', { epochs: 3, trees: 10 });
    expect(await waitForRuns(page, 2, 120_000)).toEqual(['finished', 'finished']);
    await expect.poll(() => cellOutput(page, 3).innerText(), { timeout: 30_000 }).toMatch(/MLP: \d+\.\d % validation accuracy; forest: \d+\.\d %/);
    await expectNoPageErrors(errors);
    await close();
  }, 150_000);
});
