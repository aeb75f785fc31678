import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/** Creates a notebook from a home-page template and returns its URL (without query). */
export async function createFromTemplate(page: Page, baseUrl: string, title: string | null): Promise<string> {
  await page.goto(`${baseUrl}/`);
  const name = title === null ? 'New blank notebook' : `New notebook from template ${title}`;
  await page.getByRole('button', { name }).click();
  await page.waitForURL(/\/notebooks\/[^/?]+$/, { timeout: 30_000 });
  return page.url();
}

/** Waits until the notebook's kernel reports a backend (the badge carries it as data-backend). */
export async function waitForKernel(page: Page, timeoutMs = 90_000): Promise<string> {
  const badge = page.getByTestId('kernel-badge');
  await badge.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const backend = await badge.getAttribute('data-backend');
    if (backend) return backend;
    await page.waitForTimeout(250);
  }
  throw new Error('kernel never reported a backend');
}

/** The live view of the first run started on the page. */
export function runSection(page: Page): Locator {
  return page.locator('section[aria-label^="Run "]').first();
}

/** Waits until a run view shows a terminal status and returns it. */
export async function waitForRunEnd(page: Page, timeoutMs: number): Promise<string> {
  const section = runSection(page);
  await section.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = (await section.innerText()).toLowerCase();
    for (const status of ['finished', 'failed', 'stopped', 'crashed']) {
      if (new RegExp(`\\b${status}\\b`).test(text)) return status;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`run did not end within ${timeoutMs} ms; it shows: ${await section.innerText()}`);
}

/** Types code into the Monaco editor of the cell at `index` (0-based), replacing what was there. */
export async function typeIntoCell(page: Page, index: number, code: string): Promise<void> {
  const editor = page.getByTestId('cell-editor').nth(index);
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // Monaco auto-closes brackets and quotes: insert text as one paste-like input instead of keystrokes.
  await page.keyboard.insertText(code);
}

export async function expectNoPageErrors(errors: string[]): Promise<void> {
  const real = errors.filter((e) => !/favicon|Failed to load resource/.test(e));
  expect(real, real.join('\n')).toEqual([]);
}

/** The output region of the cell at `index` (0-based); it exists once the cell printed something. */
export function cellOutput(page: Page, index: number): Locator {
  return page.getByRole('group', { name: new RegExp(`^Cell ${index + 1}, `) }).getByRole('region', { name: /^Output of / });
}

/**
 * Presses Run all, waits for the page's first run to finish, and finds that run's row on /runs
 * (read back from IndexedDB after a navigation, so it is what was stored).
 */
export async function runAllAndFindStoredRun(page: Page, baseUrl: string): Promise<{ runHref: string; row: Locator }> {
  await page.getByRole('button', { name: 'Run all' }).click();
  expect(await waitForRunEnd(page, 200_000)).toBe('finished');
  const runHref = await runSection(page).locator('a').first().getAttribute('href');
  expect(runHref).toMatch(/^\/runs\//);
  await page.goto(`${baseUrl}/runs`);
  const row = page.locator('table tbody tr', { has: page.locator(`a[href="${runHref}"]`) });
  await row.waitFor({ timeout: 30_000 });
  return { runHref: runHref!, row };
}
