import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { waitForKernel } from './notebook-page';

const baseUrl = inject('baseUrl');

/** Bytes of JavaScript a page downloads, and whether any of it is Monaco or TensorFlow.js. */
async function scriptsOf(browser: Browser, path: string): Promise<{ bytes: number; heavy: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  const heavy: string[] = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    bytes += body.length;
    const text = body.toString('latin1');
    // Markers that only the real libraries contain.
    if (text.includes('monaco-editor') || text.includes('registerKernel(') || text.includes('Conv2DBackpropFilter')) heavy.push(res.url());
  });
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
  await context.close();
  return { bytes, heavy };
}

describe('lazy loading', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(['/', '/runs'])('%s downloads neither Monaco nor TensorFlow.js', async (path) => {
    const { bytes, heavy } = await scriptsOf(browser, path);
    expect(heavy).toEqual([]);
    expect(bytes).toBeLessThan(1_500_000);
  });

  it('without WebGPU the kernel falls back to another backend and says which', async () => {
    const noGpu = await launchChromium({ webgpu: false });
    try {
      const page = await noGpu.newPage();
      await page.goto(`${baseUrl}/`);
      await page.getByRole('button', { name: 'New blank notebook' }).click();
      await page.waitForURL(/\/notebooks\//);
      const backend = await waitForKernel(page);
      expect(['webgl', 'wasm', 'cpu']).toContain(backend);
    } finally {
      await noGpu.close();
    }
  });
});
