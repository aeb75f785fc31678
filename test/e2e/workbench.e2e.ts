import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { cellOutput, createFromTemplate, runAllAndFindStoredRun, runSection, typeIntoCell, waitForKernel } from './notebook-page';

const baseUrl = inject('baseUrl');

/** Few batches, but real: every template runs start to finish with Run all. */
const SHORT: Record<string, string> = {
  'MNIST MLP': 'param.epochs=1&param.trainSize=512&param.testSize=128',
  'MNIST CNN': 'param.epochs=1&param.trainSize=128&param.testSize=64',
  '2-D playground': 'param.epochs=3',
};
// WebGPU in headless Chromium is SwiftShader, on the CPU: a step costs far more than on cpu, so
// the webgpu pass trains fewer batches (still every template, start to finish).
const SHORTER: Record<string, string> = {
  'MNIST MLP': 'param.epochs=1&param.trainSize=256&param.testSize=64',
  'MNIST CNN': 'param.epochs=1&param.trainSize=64&param.testSize=32',
  '2-D playground': 'param.epochs=1',
};

describe.each([
  { backend: 'webgpu', flags: { webgpu: true }, params: SHORTER },
  { backend: 'cpu', flags: { webgpu: true }, params: SHORT },
])('templates on $backend', ({ backend, flags, params }) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(flags);
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const title of Object.keys(params)) {
    it(`${title}: Run all trains a run that is found again after a reload`, async () => {
      const context = await browser.newContext();
      const { page } = await openPage(context, `${baseUrl}/`);
      const url = await createFromTemplate(page, baseUrl, title);
      await page.goto(`${url}?backend=${backend}&${params[title]}`);
      expect(await waitForKernel(page)).toBe(backend);
      // After a reload the run is on /runs, stored locally, with the backend that actually ran.
      const { runHref, row } = await runAllAndFindStoredRun(page, baseUrl);
      expect(await row.innerText()).toContain(backend);

      await page.goto(`${baseUrl}${runHref}`);
      await page.getByText('finished').first().waitFor();
      // uPlot draws each metric chart on a canvas.
      await page.locator('canvas').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('canvas').count()).toBeGreaterThan(1);
      await context.close();
    });
  }
});

describe('kernel behaviour', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports a cell error with its line in the cell, and the kernel survives', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, null);
    await page.goto(`${url}?backend=cpu`);
    await waitForKernel(page);
    await typeIntoCell(page, 0, 'const a = 1;\nconst b = 2;\nnull.boom;\n');
    await page.keyboard.press('Shift+Enter');
    // Scoped to the cell's output: Monaco keeps a hidden role=alert element of its own.
    const alert = cellOutput(page, 0).getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toMatch(/line 3/i);

    // Same kernel, state kept: `a` from the failed cell's earlier lines is not required, but a new cell runs.
    await page.getByRole('button', { name: 'Add cell' }).click();
    await typeIntoCell(page, 1, '6 * 7');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(async () => (await cellOutput(page, 1).textContent({ timeout: 1000 }).catch(() => ''))?.trim(), { timeout: 30_000 }).toBe('42');
    await context.close();
  });

  it('Stop ends an endless loop without losing the notebook', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, null);
    await page.goto(`${url}?backend=cpu`);
    await waitForKernel(page);
    await typeIntoCell(page, 0, 'let spins = 0;\nwhile (true) { spins++; }');
    await page.keyboard.press('Shift+Enter');
    const stop = page.getByRole('button', { name: 'Stop' });
    await expect.poll(() => stop.isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.waitForTimeout(500);
    await stop.click();
    // The kernel is restarted (state lost, said so) and is ready again; the cell's code is intact.
    await expect.poll(() => stop.isEnabled(), { timeout: 30_000 }).toBe(false);
    await waitForKernel(page);
    await expect.poll(() => page.getByTestId('cell-editor').first().innerText()).toMatch(/while\s\(true\)/);
    // The fresh kernel runs the next cell at once (Shift+Enter opened cell 2 below the loop).
    await typeIntoCell(page, 1, '6 * 7');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(async () => (await cellOutput(page, 1).textContent({ timeout: 1000 }).catch(() => ''))?.trim(), { timeout: 30_000 }).toBe('42');
    await context.close();
  });

  it('a run whose tab died shows as crashed on the next load, with what it logged', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, '2-D playground');
    await page.goto(`${url}?backend=cpu&param.epochs=500`);
    await waitForKernel(page);
    await page.getByRole('button', { name: 'Run all' }).click();
    const section = runSection(page);
    await section.getByText('running').waitFor({ timeout: 60_000 });
    const runHref = await section.locator('a').first().getAttribute('href');
    await page.waitForTimeout(1500);
    // The tab dies: its worker goes with it, and no more heartbeats reach IndexedDB.
    await page.close({ runBeforeUnload: false });

    // Next load, a minute later (the heartbeat is older than the crash threshold).
    const later = await context.newPage();
    await later.clock.install({ time: Date.now() + 120_000 });
    await later.goto(`${baseUrl}/runs`);
    const row = later.locator('table tbody tr', { has: later.locator(`a[href="${runHref}"]`) });
    await row.getByText('crashed').waitFor({ timeout: 30_000 });
    await later.goto(`${baseUrl}${runHref}`);
    await later.locator('canvas').first().waitFor({ timeout: 30_000 });
    await context.close();
  });
});
