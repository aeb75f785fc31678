import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Response } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, waitForKernel, waitForRunEnd } from './notebook-page';

const baseUrl = inject('baseUrl');

describe('MNIST download', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the kernel downloads the gzipped binary (1.6 MB) once, with a progress bar under the cell', async () => {
    const context = await browser.newContext();
    const downloads: Response[] = [];
    context.on('response', (res) => {
      if (new URL(res.url()).pathname === '/data/mnist.bin.gz') downloads.push(res);
    });
    const { page, errors } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, 'MNIST MLP');
    await page.goto(`${url}?backend=cpu&param.epochs=1&param.trainSize=256&param.testSize=64`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 200_000)).toBe('finished');
    const progress = page.getByTestId('download-progress');
    await expect.poll(() => progress.innerText(), { timeout: 10_000 }).toMatch(/^MNIST \(10,000 digits\): loaded \(1\.6 MB\)$/);
    expect(downloads).toHaveLength(1);
    expect(Number((await downloads[0].allHeaders())['content-length'])).toBe(1_593_024);
    expect(errors).toEqual([]);
    await context.close();
  });
});
