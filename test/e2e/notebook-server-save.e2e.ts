import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, expectNoPageErrors, typeIntoCell } from './notebook-page';

const baseUrl = inject('baseUrl');

async function rename(page: Page, title: string): Promise<void> {
  const input = page.getByLabel('Notebook title');
  await input.fill(title);
  await input.press('Enter');
}

async function saveToServer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save to server' }).click();
}

describe('Save to server: a notebook opens in another browser by its link (production build)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('saves, opens in a fresh browser context, and turns a save from a stale version into a conflict the user resolves', async () => {
    const first = await browser.newContext();
    const second = await browser.newContext();
    try {
      const a = await openPage(first, `${baseUrl}/`);
      a.page.setDefaultTimeout(30_000);
      const url = await createFromTemplate(a.page, baseUrl, null);
      const id = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
      await rename(a.page, 'Lesson from browser A');
      await typeIntoCell(a.page, 0, "console.log('written in A');");
      await saveToServer(a.page);
      await a.page.getByText('On the server (version 1)').waitFor();

      // A fresh context has nothing in IndexedDB: the page fetches the notebook from the server.
      const b = await openPage(second, url);
      b.page.setDefaultTimeout(30_000);
      await expect.poll(() => b.page.getByLabel('Notebook title').inputValue(), { timeout: 30_000 }).toBe('Lesson from browser A');
      expect((await b.page.locator('.view-lines').first().innerText()).replace(/\u00a0/g, ' ')).toContain('written in A');
      await rename(b.page, 'Edited in browser B');
      await saveToServer(b.page);
      await b.page.getByText('On the server (version 2)').waitFor();

      // A saves again from version 1: refused, nothing overwritten until A chooses to replace.
      await saveToServer(a.page);
      await a.page.getByText('The server has a newer version of this notebook').waitFor();
      const meanwhile = await (await fetch(`${baseUrl}/api/v1/notebooks/${encodeURIComponent(id)}`)).json();
      expect(meanwhile.notebook).toMatchObject({ title: 'Edited in browser B', version: 2 });
      await a.page.getByRole('button', { name: 'Replace it with this one' }).click();
      await a.page.getByText('On the server (version 3)').waitFor();
      const after = await (await fetch(`${baseUrl}/api/v1/notebooks/${encodeURIComponent(id)}`)).json();
      expect(after.notebook).toMatchObject({ title: 'Lesson from browser A', version: 3 });
      expect(after.notebook.content).toContain('written in A');
      await expectNoPageErrors(a.errors);
      await expectNoPageErrors(b.errors);
    } finally {
      await first.close();
      await second.close();
    }
  }, 180_000);
});
