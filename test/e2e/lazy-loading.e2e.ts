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

  it('the root layout\'s first load holds no zod: a page with no data of its own (the 404) names no script with it', async () => {
    // The layout's sync agent imports the sync client (wire schemas) only once syncing starts,
    // after the page is interactive; before, the layout's own bundle imported zod through it.
    const res = await fetch(`${baseUrl}/no-such-page`);
    expect(res.status).toBe(404);
    const srcs = [...(await res.text()).matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1].replaceAll('&amp;', '&'), baseUrl).toString());
    expect(srcs.length).toBeGreaterThan(3);
    const withZod: string[] = [];
    for (const src of srcs) if ((await (await fetch(src)).text()).includes('"ZodError"')) withZod.push(src); // zod 4 names its error class in a string
    expect(withZod).toEqual([]);
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
