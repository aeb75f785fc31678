import { writeFileSync, mkdtempSync, rmSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { expectNoPageErrors, runSection, waitForKernel, waitForRunEnd } from './notebook-page';

const baseUrl = inject('baseUrl');
/** The big-file case: 100 MB as the issue asks (BIG_CSV_MB overrides it for a quick local run). */
const BIG_CSV_MB = Number(process.env.BIG_CSV_MB ?? 100);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(path.join(tmpdir(), 'benchtop-csv-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Two well separated classes, a text column, missing cells and one malformed row. */
function smallCsv(): string {
  const lines = ['name,x,y,color,label'];
  for (let i = 0; i < 200; i++) {
    const label = i % 2;
    const x = (label ? 2 : -2) + Math.sin(i) * 0.8;
    lines.push(`item ${i},${i % 17 === 0 ? '' : x.toFixed(3)},${(Math.cos(i * 7) * 1.5).toFixed(3)},${['red', 'green', 'NA'][i % 3]},${label ? 'yes' : 'no'}`);
    if (i === 50) lines.push('broken,row');
  }
  return lines.join('\n');
}

async function uploadCsv(page: Page, file: string): Promise<void> {
  await page.getByLabel('Choose a CSV').setInputFiles(file);
}

describe('datasets: tables', () => {
  it('a dropped CSV is typed and previewed; forest and MLP train on it as two runs with one fingerprint', async () => {
    const file = path.join(dir, 'two-classes.csv');
    writeFileSync(file, smallCsv());
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/datasets`);
    await uploadCsv(page, file);
    const preview = page.getByRole('region', { name: 'Preview of two-classes.csv' });
    await preview.waitFor({ timeout: 60_000 });
    const headers = await preview.locator('thead th').allInnerTexts();
    expect(headers.map((h) => h.replace(/\s+/g, ' '))).toEqual(['name text', 'x numeric 12 missing', 'y numeric', 'color categorical 66 missing', 'label categorical']);
    expect(await page.getByTestId('table-rows').innerText()).toContain('200 rows');
    expect(await page.getByTestId('bad-rows').innerText()).toMatch(/1 malformed row\(s\) skipped .*row 52/);
    // The target defaulted to the last column; the text column is said to be left out.
    expect(await page.getByLabel('Target (the column to predict)').inputValue()).toBe('label');
    await page.getByText('Text columns are not used as features: name.').waitFor();
    await page.getByLabel('Drop every row that has a missing feature').check();

    await page.getByRole('button', { name: 'New notebook: forest vs MLP' }).click();
    await page.waitForURL(/\/notebooks\/[^/?]+$/, { timeout: 30_000 });
    await page.goto(`${page.url()}?backend=cpu&param.epochs=3&param.trees=10`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 120_000)).toBe('finished');
    // The forest ends first; the MLP's run view is the second.
    const mlp = page.locator('section[aria-label^="Run "]').nth(1);
    await mlp.getByText('finished').waitFor({ timeout: 180_000 });

    const hrefs = await Promise.all([runSection(page), mlp].map((s) => s.locator('a').first().getAttribute('href')));
    const fingerprints: string[] = [];
    for (const href of hrefs) {
      await page.goto(`${baseUrl}${href}`);
      const row = page.getByRole('row', { name: /^dataset / });
      await row.waitFor({ timeout: 30_000 });
      fingerprints.push((await row.innerText()).replace(/^dataset\s+/, ''));
    }
    expect(fingerprints[0]).toMatch(/^table:two-classes\.csv:sha256=[0-9a-f]{16}:target=label:missing=drop:/);
    expect(fingerprints[1]).toBe(fingerprints[0]);
    await page.goto(`${baseUrl}/runs`);
    for (const name of ['table-forest', 'table-mlp']) await page.locator('table tbody tr', { hasText: name }).first().waitFor({ timeout: 30_000 });
    await expectNoPageErrors(errors);
    await context.close();
  });

  it(`a ${BIG_CSV_MB} MB CSV streams with a progress bar, the page stays responsive, and a stated sample is kept`, async () => {
    const file = path.join(dir, 'big.csv');
    const fd = openSync(file, 'w');
    writeSync(fd, 'a,b,c,d,e,f,label\n');
    const block = Array.from({ length: 10_000 }, (_, i) => `${i},${(i * 0.37) % 1},${i % 13},${(i * 7) % 101},${i % 5 ? 'x' : ''},${(i % 9) * 1.25},${i % 3}`).join('\n') + '\n';
    const blocks = Math.ceil((BIG_CSV_MB * 1024 * 1024) / block.length);
    for (let b = 0; b < blocks; b++) writeSync(fd, block);
    closeSync(fd);
    const rows = blocks * 10_000;

    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/datasets`);
    await uploadCsv(page, file);
    const bar = page.getByRole('progressbar', { name: 'Reading big.csv' });
    await bar.waitFor({ timeout: 30_000 });
    // While the worker reads, the main thread answers at once (a frozen tab would not).
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThan(0);
    const started = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(Date.now() - started).toBeLessThan(1_000);
    const summary = page.getByTestId('table-rows');
    await summary.waitFor({ timeout: 300_000 });
    expect(await summary.innerText()).toContain(`a random sample of 100,000 of its ${rows.toLocaleString('en-US')} rows (at most 100,000 rows are kept in the browser)`);
    await expectNoPageErrors(errors);
    await context.close();
  });
});
