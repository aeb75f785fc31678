import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, typeIntoCell, waitForKernel } from './notebook-page';

const baseUrl = inject('baseUrl');

/** Monaco draws an error marker as a `.squiggly-error` decoration in the cell's editor. */
const squiggles = (page: Page, index: number) => page.getByTestId('cell-editor').nth(index).locator('.squiggly-error');

describe('what the editor marks in cells', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('tf used as a namespace of types gets no squiggle; a real type error still does', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, null);
    const typings = page.waitForResponse((r) => r.url().endsWith('/monaco-types/tfjs') && r.ok(), { timeout: 60_000 });
    await page.goto(`${url}?backend=cpu`);
    await waitForKernel(page);
    await typings;
    await typeIntoCell(page, 0, [
      'const x = tf.zeros([2, 2]) as tf.Tensor;',
      'const model: tf.Sequential = tf.sequential();',
      'const asLayers: tf.LayersModel = model;',
      "const wrong: number = 'text';",
    ].join('\n'));
    // Exactly one marker (line 4) once the TypeScript worker has the tfjs typings; before the fix
    // each `tf.` in a type position was error 2503 "Cannot find namespace 'tf'".
    await expect.poll(() => squiggles(page, 0).count(), { timeout: 60_000 }).toBe(1);
    await page.waitForTimeout(2_000);
    expect(await squiggles(page, 0).count()).toBe(1);
    await typeIntoCell(page, 0, 'const x = tf.zeros([2, 2]) as tf.Tensor;\nconst model: tf.Sequential = tf.sequential();\nconsole.log(x, model);');
    await expect.poll(() => squiggles(page, 0).count(), { timeout: 30_000 }).toBe(0);
    await context.close();
  });

  it('a new sweep cell holds a commented example, shows a hint, and no error', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, null);
    await page.goto(`${url}?backend=cpu`);
    await waitForKernel(page);
    await page.getByRole('button', { name: 'Add sweep cell' }).click();
    const editor = page.getByTestId('cell-editor').nth(1);
    await expect.poll(() => editor.innerText(), { timeout: 30_000 }).toMatch(/#\s*method:\s*random/);
    const panel = page.getByTestId('sweep-cell-panel');
    await expect.poll(() => panel.innerText(), { timeout: 10_000 }).toMatch(/No sweep config yet: uncomment the example/);
    expect(await panel.getByRole('list', { name: 'Sweep config errors' }).count()).toBe(0);
    await page.waitForTimeout(1_500);
    expect(await squiggles(page, 1).count()).toBe(0);
    await context.close();
  });
});
