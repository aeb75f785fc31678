import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runToWire } from '@/lib/track/api';
import { makeRun } from '../unit/track/fixtures';
import { launchChromium, openPage } from './browser';
import { cellOutput, expectNoPageErrors, waitForKernel } from './notebook-page';

const baseUrl = inject('baseUrl');

/** A finished run on the server whose code reads one bench.param, shared with or without code. */
async function sharedRun(includeCode: boolean): Promise<string> {
  const now = Date.now();
  const run = makeRun({
    id: `run-open-nb-${now.toString(36)}-${includeCode ? 'code' : 'nocode'}`,
    notebookId: null,
    name: 'tiny run',
    status: 'finished',
    config: { epochs: 3, hidden: 8 },
    code: { cells: [{ cellId: 'c1', source: "const epochs = bench.param('epochs', 99);\nconsole.log(`epochs=${epochs}`);" }], sha256: 'a'.repeat(64) },
    createdAt: now,
    updatedAt: now,
    finishedAt: now,
  });
  // The e2e server is trusted-local from loopback: no token needed.
  const put = await fetch(`${baseUrl}/api/v1/runs/${run.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(runToWire(run)) });
  expect(put.status).toBe(200);
  const share = await fetch(`${baseUrl}/api/v1/runs/${run.id}/shares`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ includeCode }) });
  expect(share.status).toBe(201);
  return ((await share.json()) as { share: { path: string } }).share.path;
}

describe('Open as notebook (production build)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ webgpu: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on a share link with code: a new notebook with the run\'s code that runs with the run\'s param values', async () => {
    const context = await browser.newContext();
    try {
      const { page, errors } = await openPage(context, `${baseUrl}${await sharedRun(true)}`);
      page.setDefaultTimeout(60_000);
      await page.getByRole('button', { name: 'Open as notebook' }).click();
      await page.waitForURL(/\/notebooks\/nb-[a-z0-9]+\?param\.epochs=3$/);
      await page.getByRole('heading', { name: 'Reproduce tiny run' }).waitFor();
      expect(await waitForKernel(page)).toBeTruthy();
      await page.getByRole('button', { name: 'Run all' }).click();
      await cellOutput(page, 1).getByText('epochs=3').waitFor();
      await expectNoPageErrors(errors);
    } finally {
      await context.close();
    }
  });

  it('on a share link without code: no button', async () => {
    const context = await browser.newContext();
    try {
      const { page } = await openPage(context, `${baseUrl}${await sharedRun(false)}`);
      await page.getByTestId('run-page').waitFor({ timeout: 60_000 });
      expect(await page.getByRole('button', { name: 'Open as notebook' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
