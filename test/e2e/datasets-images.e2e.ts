import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectNoPageErrors, runSection, waitForKernel, waitForRunEnd } from './notebook-page';

const baseUrl = inject('baseUrl');
const SAMPLE_ZIP = path.resolve(import.meta.dirname, '../../public/datasets/sample-shapes.zip');

let browser: Browser;
let dir: string;
beforeAll(async () => {
  // A fake camera (Chromium's test pattern) that needs no permission prompt.
  browser = await launchChromium({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] });
  dir = mkdtempSync(path.join(tmpdir(), 'benchtop-images-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The sample zip unpacked as a folder, plus a file that is no image and one outside any class folder. */
function sampleFolder(): string {
  const root = path.join(dir, 'shapes');
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(SAMPLE_ZIP)))) {
    if (name.endsWith('/')) continue;
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
  writeFileSync(path.join(root, 'circle', 'broken.png'), 'this is not a png');
  writeFileSync(path.join(root, 'notes.txt'), 'a file outside the class folders');
  return root;
}

function card(page: Page, name: string) {
  return page.getByRole('heading', { name, exact: true }).locator('xpath=ancestor::div[contains(@class, "rounded-lg")][1]');
}

describe('datasets: images', () => {
  it('a folder and a zip of the same images give one fingerprint; bad files are listed; the CNN trains on the folder', async () => {
    const folder = sampleFolder();
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/datasets`);
    await page.getByLabel('Choose a folder').setInputFiles(folder);
    const shapes = card(page, 'shapes');
    await shapes.getByTestId('image-set-summary').waitFor({ timeout: 120_000 });
    expect(await shapes.getByTestId('image-set-summary').innerText()).toBe('180 images, 32×32 · circle (60), square (60), triangle (60)');
    const skipped = shapes.getByTestId('skipped-files');
    await skipped.locator('summary').click();
    const listed = await skipped.innerText();
    expect(listed).toContain('2 file(s) skipped');
    expect(listed).toMatch(/shapes\/circle\/broken\.png: cannot decode: not an image this browser can decode/);
    expect(listed).toContain('shapes/notes.txt: not inside a class folder');

    await page.getByLabel('Choose a zip').setInputFiles(SAMPLE_ZIP);
    const zipped = card(page, 'sample-shapes');
    await zipped.getByTestId('image-set-summary').waitFor({ timeout: 120_000 });
    const digest = async (c: ReturnType<typeof card>) => (await c.locator('p[title]').getAttribute('title'))!;
    const shapesDigest = await digest(shapes);
    expect(await digest(zipped)).toBe(shapesDigest);

    await shapes.getByRole('button', { name: 'New notebook: small CNN' }).click();
    await page.waitForURL(/\/notebooks\/[^/?]+$/, { timeout: 30_000 });
    await page.goto(`${page.url()}?backend=cpu&param.epochs=1`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 200_000)).toBe('finished');
    await page.goto(`${baseUrl}${await runSection(page).locator('a').first().getAttribute('href')}`);
    const row = page.getByRole('row', { name: /^dataset / });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain(`images:shapes:sha256=${shapesDigest.slice(0, 16)}`);
    await expectNoPageErrors(errors);
    await context.close();
  });

  it('webcam: hold to capture two classes, save them as a set', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/datasets`);
    await page.getByRole('button', { name: 'Capture from the webcam' }).click();
    const hold = page.getByRole('button', { name: 'Hold to capture' });
    await hold.waitFor();
    await page.waitForFunction(() => (document.querySelector('video[aria-label="Webcam preview"]') as HTMLVideoElement | null)?.videoWidth);
    for (const label of ['left', 'right']) {
      await page.getByLabel('Class of the next frames').fill(label);
      await hold.hover();
      await page.mouse.down();
      await page.waitForTimeout(700);
      await page.mouse.up();
    }
    await expect.poll(() => page.getByTestId('webcam-counts').innerText()).toMatch(/^left: \d+ · right: \d+$/);
    await page.getByRole('button', { name: /^Save \d+ frames as an image set$/ }).click();
    const summary = card(page, 'webcam').getByTestId('image-set-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.innerText()).toMatch(/^\d+ images, 32×32 · left \(\d+\), right \(\d+\)$/);
    await expectNoPageErrors(errors);
    await context.close();
  });
});
