import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, runAllAndFindStoredRun, waitForKernel } from './notebook-page';

const baseUrl = inject('baseUrl');

/**
 * One template trained once on each backend of the production build. The 2-D playground is a
 * dense net (wasm cannot train CNNs), small enough for SwiftShader WebGPU; one epoch is enough.
 */
const TEMPLATE = '2-D playground';
const PARAMS = 'param.epochs=1';

/** Trains the open notebook with Run all and returns the run's page path and the backend its stored record names. */
async function trainAndReadBackend(page: Page): Promise<{ runHref: string; recorded: string }> {
  const { runHref, row } = await runAllAndFindStoredRun(page, baseUrl);
  const recorded = (await row.locator('td').allInnerTexts()).map((t) => t.trim()).find((t) => ['webgpu', 'webgl', 'wasm', 'cpu'].includes(t));
  return { runHref, recorded: recorded ?? `(no backend cell in: ${await row.innerText()})` };
}

describe('every backend trains on the production build', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu']) {
    it(`${backend}: the kernel starts on it, trains, and the run records it`, async () => {
      const context = await browser.newContext();
      const { page, errors } = await openPage(context, `${baseUrl}/`);
      const url = await createFromTemplate(page, baseUrl, TEMPLATE);
      await page.goto(`${url}?backend=${backend}&${PARAMS}`);
      expect(await waitForKernel(page)).toBe(backend);
      expect(await page.getByTestId('backend-fallback-notice').count()).toBe(0);
      const { runHref, recorded } = await trainAndReadBackend(page);
      expect(recorded).toBe(backend);
      if (backend === 'cpu') {
        // Chart titles and x labels name what the series were logged against.
        await page.goto(`${baseUrl}${runHref}`);
        const captions = page.locator('figcaption');
        await expect.poll(() => captions.allInnerTexts(), { timeout: 30_000 }).toEqual(expect.arrayContaining(['train/loss per epoch', 'val/loss per epoch', 'batch/loss per batch']));
      }
      // The minified wasm pthreads used to die with "ReferenceError: a is not defined".
      expect(errors.filter((e) => /ReferenceError|is not defined/.test(e))).toEqual([]);
      await context.close();
    });
  }
});

describe('a backend that cannot start falls back with a visible notice', () => {
  it('forced webgpu in a Chromium without WebGPU runs on webgl and says why', async () => {
    const browser = await launchChromium({ webgpu: false });
    try {
      const context = await browser.newContext();
      const { page } = await openPage(context, `${baseUrl}/`);
      const url = await createFromTemplate(page, baseUrl, TEMPLATE);
      await page.goto(`${url}?backend=webgpu&${PARAMS}`);
      expect(await waitForKernel(page)).toBe('webgl');
      const notice = page.getByTestId('backend-fallback-notice');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.innerText()).toMatch(/webgpu is not available: no WebGPU adapter.*; using webgl/);
      const { recorded } = await trainAndReadBackend(page);
      expect(recorded).toBe('webgl');
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('wasm whose pthreads die (their glue script fails to load) falls back to cpu without hanging on "starting…"', async () => {
    const browser = await launchChromium({ webgpu: true });
    try {
      const context = await browser.newContext();
      // The same failure as the minified build had: the pthread workers cannot get their code.
      await context.route('**/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js', (route) => route.abort());
      const { page } = await openPage(context, `${baseUrl}/`);
      const url = await createFromTemplate(page, baseUrl, TEMPLATE);
      await page.goto(`${url}?backend=wasm&${PARAMS}`);
      expect(await waitForKernel(page, 120_000)).toBe('cpu');
      const notice = page.getByTestId('backend-fallback-notice');
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.innerText()).toMatch(/wasm failed to start: .+; using cpu/);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
