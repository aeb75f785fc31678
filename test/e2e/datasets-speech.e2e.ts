import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage } from './browser';
import { cellOutput, expectNoPageErrors, runSection, waitForKernel, waitForRunEnd } from './notebook-page';

const baseUrl = inject('baseUrl');
const SAMPLE_ZIP = path.resolve(import.meta.dirname, '../../public/datasets/sample-words.zip');

let browser: Browser;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'benchtop-speech-'));
  // The microphone plays one of the shipped clips ("yes", looped) through Chromium's fake capture.
  const zip = unzipSync(readFileSync(SAMPLE_ZIP));
  const wav = path.join(dir, 'yes.wav');
  writeFileSync(wav, zip[Object.keys(zip).find((name) => name.startsWith('words/yes/'))!]);
  browser = await launchChromium({ args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`] });
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('datasets: spoken words', () => {
  it('hold to record two words; clips are listed and playable; the keyword template trains on them with the shipped words', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${baseUrl}/datasets`);
    const hold = page.getByRole('button', { name: 'Hold to record' });
    for (const word of ['yes', 'no']) {
      await page.getByLabel('Word', { exact: true }).fill(word);
      await hold.hover();
      await page.mouse.down();
      await page.getByRole('button', { name: 'Recording… release to stop' }).waitFor();
      await page.waitForTimeout(1_200);
      await page.mouse.up();
      await page.getByRole('list', { name: 'Recorded clips' }).getByText(new RegExp(`^${word} · \\d\\.\\d s$`)).waitFor({ timeout: 30_000 });
    }
    const clips = await page.getByRole('list', { name: 'Recorded clips' }).locator('li').allInnerTexts();
    expect(clips).toHaveLength(2);
    for (const text of clips) expect(Number(/· (\d\.\d) s/.exec(text)![1])).toBeGreaterThan(0.5);
    await page.getByRole('button', { name: 'Play clip 1 (yes)' }).click();

    await page.getByRole('button', { name: 'New notebook: keyword spotting' }).click();
    await page.waitForURL(/\/notebooks\/[^/?]+$/, { timeout: 30_000 });
    await page.goto(`${page.url()}?backend=cpu&param.epochs=1`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 200_000)).toBe('finished');
    // The recorded clips joined the shipped words (24 clips each).
    expect(await cellOutput(page, 1).innerText()).toContain('words: down (24), left (24), no (25), right (24), up (24), yes (25)');
    await page.goto(`${baseUrl}${await runSection(page).locator('a').first().getAttribute('href')}`);
    const row = page.getByRole('row', { name: /^dataset / });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toMatch(/speech:both:sha256=[0-9a-f]{16}:val=0.2:seed=1/);
    await expectNoPageErrors(errors);
    await context.close();
  });
});
