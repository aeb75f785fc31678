import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, expectNoPageErrors, typeIntoCell, waitForKernel } from './notebook-page';

/**
 * The notebook with the keyboard only: skip link, undo of cell deletion (z and the toast), the
 * shortcuts dialog (h), and Ctrl+M's "Tab moves focus" with its indicator.
 */

const baseUrl = inject('baseUrl');

/** Each cell's text as shown (Monaco's rendered lines, or the plain-text fallback before it loads). */
const sources = (page: Page) =>
  page.getByTestId('cell-editor').evaluateAll((els) => els.map((e) => ((e.querySelector('.view-lines') ?? e).textContent ?? '').replace(/\u00a0/g, ' ').trim()));
/** Whether focus is in a cell's editor (a key typed now is text, not a notebook command). */
const inEditor = (page: Page) => () => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
const activeCellId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cellId ?? null);

describe('the notebook with a keyboard only', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('the first Tab reaches "Skip to content", which moves focus past the navigation', async () => {
    const { page, errors } = await openPage(await browser.newContext(), `${baseUrl}/runs`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.width > 20 && box.height > 10, 'the focused skip link is visible').toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expectNoPageErrors(errors);
  });

  it('deleted cells come back with z and with the toast’s Undo, newest first, in place', async () => {
    const { page, errors } = await openPage(await browser.newContext(), `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, null);
    await page.goto(`${url}?backend=cpu`);
    await waitForKernel(page);
    await typeIntoCell(page, 0, 'const one = 1;');
    for (const [i, code] of ['const two = 2;', 'const three = 3;'].entries()) {
      await page.getByRole('button', { name: 'Add code cell' }).click();
      await typeIntoCell(page, i + 1, code);
    }
    await expect.poll(() => sources(page)).toEqual(['const one = 1;', 'const two = 2;', 'const three = 3;']);

    // Command mode on cell 2, then D D: it goes, the toast says so, focus stays in the notebook.
    // Wait for the editor to hold focus, then for Esc to leave it: a 'd' sent in between is typed.
    await page.getByTestId('cell-editor').nth(1).click();
    await expect.poll(inEditor(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(inEditor(page)).toBe(false);
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    await expect.poll(() => sources(page)).toEqual(['const one = 1;', 'const three = 3;']);
    const toast = page.getByTestId('undo-delete-toast');
    expect(await toast.innerText()).toMatch(/Cell deleted\s*·\s*Undo/);
    await expect.poll(() => activeCellId(page)).not.toBeNull();

    // The toolbar's delete button removes cell 1 as well; z brings back cell 1, then cell 2.
    await page.getByRole('group', { name: 'Cell 1, code' }).getByRole('button', { name: 'Delete cell' }).click();
    await expect.poll(() => sources(page)).toEqual(['const three = 3;']);
    await page.keyboard.press('z');
    await expect.poll(() => sources(page)).toEqual(['const one = 1;', 'const three = 3;']);
    await page.keyboard.press('z');
    await expect.poll(() => sources(page)).toEqual(['const one = 1;', 'const two = 2;', 'const three = 3;']);
    expect(await page.getByRole('group', { name: 'Cell 2, code' }).evaluate((el) => el === document.activeElement)).toBe(true);

    // z inside an editor is a letter, not an undo.
    await page.getByRole('group', { name: 'Cell 3, code' }).getByRole('button', { name: 'Delete cell' }).click();
    await typeIntoCell(page, 0, 'z');
    await expect.poll(() => sources(page)).toEqual(['z', 'const two = 2;']);
    // The toast's button, reached with Tab from the page, undoes it.
    await toast.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => sources(page)).toEqual(['z', 'const two = 2;', 'const three = 3;']);
    expect(await toast.count()).toBe(0);
    await expectNoPageErrors(errors);
  });

  it('h opens the shortcuts, which name Ctrl+M; Ctrl+M makes Tab leave the editor, with an indicator', async () => {
    const { page, errors } = await openPage(await browser.newContext(), `${baseUrl}/`);
    const url = await createFromTemplate(page, baseUrl, null);
    await page.goto(`${url}?backend=cpu`);
    await waitForKernel(page);
    await typeIntoCell(page, 0, 'const a = 1;');
    await expect.poll(async () => (await sources(page))[0]).toBe('const a = 1;');
    // As for D D above: Esc must have left the editor before 'h' is sent, or 'h' is typed.
    await page.getByTestId('cell-editor').first().click();
    await expect.poll(inEditor(page), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(inEditor(page)).toBe(false);
    // Command mode reads keys on the focused cell itself.
    await expect.poll(() => activeCellId(page)).not.toBeNull();
    await page.keyboard.press('h');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.innerText()).toMatch(/Ctrl\+M\s+toggle “Tab moves focus”/);
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);

    const indicator = page.getByTestId('tab-focus-indicator');
    expect(await indicator.count()).toBe(0);
    // Tab in the editor indents by default.
    await page.getByTestId('cell-editor').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('X');
    await expect.poll(async () => (await sources(page))[0]).toBe('const a = 1;  X');

    // Ctrl+M: the indicator shows, and Tab moves focus out of the editor instead of typing.
    await page.keyboard.press('Control+M');
    await indicator.waitFor();
    expect(await indicator.innerText()).toMatch(/Tab moves focus/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(false);
    expect((await sources(page))[0]).toBe('const a = 1;  X');

    // Ctrl+M again (back in the editor): indenting comes back, the indicator goes.
    await page.getByTestId('cell-editor').first().click();
    await page.keyboard.press('Control+M');
    await expect.poll(() => indicator.count()).toBe(0);
    await page.keyboard.press('End');
    await page.keyboard.press('Tab');
    await page.keyboard.insertText('Y');
    await expect.poll(async () => (await sources(page))[0]).toMatch(/X\s+Y$/);
    await expectNoPageErrors(errors);
  });
});
