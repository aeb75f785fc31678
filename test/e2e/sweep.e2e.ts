import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSweepHttpClient } from '@/lib/sweep/http-client';
import { launchChromium, openPage } from './browser';
import { createFromTemplate, expectNoPageErrors, waitForKernel } from './notebook-page';

/**
 * Sweeps as a user meets them, on the cpu backend with a tiny budget (3 epochs of a 4- or 8-unit
 * net on 500 spiral points): a YAML sweep cell in a notebook puts a 6-trial sweep on the server
 * and works on 3 trials itself; a second tab opens the join link and takes the rest, no trial
 * twice; the sweep page, opened while it runs, follows it to the end without a reload. A bad
 * sweep config names its line and field, and the notebook keeps its cells and its kernel.
 */

const baseUrl = inject('baseUrl');
const shots = path.resolve(import.meta.dirname, '../../test-results');

const TRAIN_CELL = [
  'const EPOCHS = 3;',
  'const data = await bench.datasets.spirals({ n: 500, noise: 0.05, seed: 1, validationSplit: 0.2 });',
  'async function trainTrial(config) {',
  '  const model = tf.sequential({ layers: [',
  "    tf.layers.dense({ inputShape: [2], units: config.units, activation: 'tanh' }),",
  "    tf.layers.dense({ units: 1, activation: 'sigmoid' }),",
  '  ] });',
  "  return bench.train({ name: 'spirals', model, data, learningRate: config.lr, loss: 'binaryCrossentropy', epochs: EPOCHS, batchSize: 32, seed: 1 });",
  '}',
].join('\n');

/** The notebook's agent leaves after `count` trials, so the joined tab must run the other 3. */
const SWEEP_CELL = [
  'function: trainTrial',
  'server: true',
  'count: 3',
  'seed: 7',
  'name: e2e spirals',
  'method: random',
  'run_cap: 6',
  'metric: {name: val/loss, goal: minimize}',
  'early_terminate: {type: hyperband, min_iter: 2, eta: 2}',
  'parameters:',
  '  lr: {distribution: log_uniform_values, min: 0.003, max: 0.1}',
  '  units: {values: [4, 8]}',
].join('\n');

const fmt = (v: number) => String(Number(v.toPrecision(4)));

/**
 * Pastes `text` over the cell's content, as a user pastes a W&B config. Typing it would let
 * Monaco's auto-indent shift every line after a `key:` line (the YAML would change meaning).
 */
async function pasteIntoCell(page: Page, index: number, text: string): Promise<void> {
  const editor = page.getByTestId('cell-editor').nth(index);
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await editor.locator('textarea').evaluate((el, pasted) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', pasted);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, text);
}

/** A blank notebook on the cpu backend with `code` in its first cell and a sweep cell below it. */
async function notebookWithSweepCell(page: Page, code: string, sweep: string): Promise<string> {
  const url = await createFromTemplate(page, baseUrl, null);
  await page.goto(`${url}?backend=cpu`);
  expect(await waitForKernel(page)).toBe('cpu');
  await pasteIntoCell(page, 0, code);
  await page.getByRole('button', { name: 'Add sweep cell' }).click();
  await pasteIntoCell(page, 1, sweep);
  return url;
}

/**
 * Runs every cell in order with its own Run button. (The toolbar's Run all runs code cells only:
 * it skips sweep cells.)
 */
async function runCells(page: Page): Promise<void> {
  for (const button of await page.getByRole('button', { name: 'Run cell' }).all()) await button.click();
}

describe('sweeps from a notebook', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => browser?.close());

  it('a YAML sweep cell starts a server sweep, a joined tab takes the pending trials, and the sweep page follows it live', async () => {
    const notebook = await openPage(await browser.newContext(), `${baseUrl}/`);
    const nb = notebook.page;
    await notebookWithSweepCell(nb, TRAIN_CELL, SWEEP_CELL);
    const panel = nb.getByTestId('sweep-cell-panel');
    await panel.getByText('Valid sweep').waitFor({ timeout: 10_000 });
    expect(await panel.innerText()).toMatch(/random · minimize val\/loss · hyperband · run_cap 6 · 3 trial\(s\) this run · runs trainTrial\(config\) on the server/);

    await runCells(nb);
    const joinLink = nb.locator('a[href^="/sweeps/sw-"][href$="/join"]');
    await joinLink.waitFor({ timeout: 60_000 });
    const joinHref = (await joinLink.getAttribute('href'))!;
    const sweepId = decodeURIComponent(joinHref.split('/')[2]);

    // The sweep page, opened now, is never reloaded: what it shows at the end came by polling.
    const viewer = await openPage(await browser.newContext(), `${baseUrl}/sweeps/${sweepId}`);
    await viewer.page.getByTestId('sweep-view').waitFor({ timeout: 60_000 });
    expect(await viewer.page.getByTestId('sweep-view').getAttribute('data-sweep-status')).toBe('running');

    // A second tab opens the printed join link (on cpu) and joins.
    const joiner = await openPage(await browser.newContext(), `${baseUrl}${joinHref}?backend=cpu`);
    await joiner.page.getByTestId('join-button').click();
    const agent = joiner.page.getByTestId('agent-status');
    await joiner.page.locator('[data-testid="agent-status"]:is([data-phase="done"], [data-phase="failed"])').waitFor({ timeout: 150_000 });
    expect(await agent.getAttribute('data-phase'), await agent.innerText()).toBe('done');
    expect(await agent.innerText()).toContain('backend cpu');
    await expect.poll(() => joiner.page.getByTestId('sweep-progress').innerText(), { timeout: 10_000 }).toMatch(/6 of 6 trials done/);
    await joiner.page.screenshot({ path: path.join(shots, 'sweep-join-agent.png'), fullPage: true });

    // The notebook's sweep cell ended after its own 3 trials (or fewer, if the joined tab was quicker).
    const sweepCell = nb.locator('[data-cell-type="sweep"]');
    await expect.poll(() => sweepCell.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    const cellText = await sweepCell.innerText();
    const notebookTrials = Number(/agent done after (\d+) trial\(s\)/.exec(cellText)?.[1] ?? NaN);
    expect(notebookTrials, cellText).toBeGreaterThanOrEqual(0);
    expect(notebookTrials).toBeLessThanOrEqual(3);
    const joinedTrials = Number(/(\d+) trial\(s\) ended here/.exec(await agent.innerText())?.[1] ?? 0);
    expect(notebookTrials + joinedTrials).toBe(6);
    expect(joinedTrials).toBeGreaterThanOrEqual(3);

    // On the server: 6 trials, each leased once, run by one agent, linked to one run.
    const final = await createSweepHttpClient({ baseUrl }).get(sweepId);
    expect(final.status).toBe('finished');
    expect(final.reason).toBe('run_cap of 6 trials reached');
    expect(final.state.trials).toHaveLength(6);
    for (const t of final.state.trials) {
      expect(t.attempt, `${t.id} leased once`).toBe(1);
      expect(t.agents, `${t.id} ran on one agent`).toHaveLength(1);
      expect(['finished', 'stopped']).toContain(t.status);
      if (t.status === 'stopped') expect(t.reason).toMatch(/^hyperband: val\/loss/);
    }
    expect(final.runs).toHaveLength(6);
    expect(new Set(final.runs.map((r) => r.trialId)).size).toBe(6);
    expect(new Set(final.state.trials.flatMap((t) => t.agents)).size).toBe(2);

    // The sweep page caught up by itself: finished, every trial with its metric, both charts.
    const vp = viewer.page;
    await vp.locator('[data-testid="sweep-view"][data-sweep-status="finished"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => vp.locator('[data-testid="trials-table"] tbody tr').count(), { timeout: 10_000 }).toBe(6);
    for (const t of final.state.trials) {
      const row = vp.locator(`[data-testid="trials-table"] tr[data-trial-id="${t.id}"]`);
      expect(await row.getAttribute('data-status')).toBe(t.status);
      if (t.metric !== null) expect(await row.innerText()).toContain(fmt(t.metric));
    }
    const progress = vp.getByTestId('sweep-progress');
    expect(await progress.innerText()).toMatch(/6 of 6 trials/);
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await vp.getByTestId('best-so-far').locator('canvas').first().waitFor({ timeout: 10_000 });
    // The config shown is the cell as written, its own keys included.
    expect(await vp.locator('pre[aria-label="Sweep config"]').innerText()).toMatch(/function: trainTrial[\s\S]*run_cap: 6/);
    const lines = vp.locator('[data-testid="parallel-coordinates"] path[data-trial-id]');
    await expect.poll(() => lines.count(), { timeout: 10_000 }).toBe(6);
    expect(new Set(await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-trial-id'))))).toEqual(new Set(final.state.trials.map((t) => t.id)));
    expect(await lines.evaluateAll((els) => els.every((e) => (e.getAttribute('d') ?? '').split(/[ML]/).length - 1 === 3))).toBe(true); // lr, units, metric

    // Brushing the units axis at its top (8) keeps only the trials with units 8 coloured.
    const axis = vp.locator('[data-axis="units"] rect[data-brush="units"]');
    const box = (await axis.boundingBox())!;
    await vp.mouse.move(box.x + box.width / 2, box.y + 2);
    await vp.mouse.down();
    await vp.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2, { steps: 4 });
    await vp.mouse.up();
    const eights = final.state.trials.filter((t) => t.config.units === 8).length;
    await expect.poll(() => vp.locator('[data-testid="parallel-coordinates"] path[data-selected="true"]').count()).toBe(eights);
    await vp.screenshot({ path: path.join(shots, 'sweep-page.png'), fullPage: true });

    for (const { errors } of [notebook, viewer, joiner]) await expectNoPageErrors(errors);
  });

  it('a bad sweep config names its line and field, and the notebook keeps its cells and kernel', async () => {
    const { page, errors } = await openPage(await browser.newContext(), `${baseUrl}/`);
    const bad = [
      '{',
      '  "method": "random",',
      '  "run_cap": 2,',
      '  "metric": {"name": "val/loss", "goal": "minimize"},',
      '  "parameters": {',
      '    "lr": {"distribution": "log_uniform_value", "min": 0.001, "max": 0.1}',
      '  }',
      '}',
    ].join('\n');
    await notebookWithSweepCell(page, 'const answer = 6 * 7;\nanswer', bad);

    // While typing: the panel under the cell lists the error by line, and Monaco underlines it.
    const sweepCell = page.locator('[data-cell-type="sweep"]');
    const listed = sweepCell.getByRole('list', { name: 'Sweep config errors' });
    await listed.waitFor({ timeout: 10_000 });
    expect(await listed.innerText()).toMatch(/^line 6: parameters\.lr\.distribution: .*got "log_uniform_value" \(did you mean "log_uniform_values"\?\)/);
    await sweepCell.locator('.squiggly-error').first().waitFor({ timeout: 10_000 });

    // Running it: the first cell runs, the sweep cell fails with the same line, nothing is trained.
    await runCells(page);
    const alert = sweepCell.getByRole('alert').first();
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toMatch(/line 6: parameters\.lr\.distribution/);
    expect(await page.locator('[data-cell-type="code"]').first().innerText()).toContain('42');
    expect(await page.locator('a[href^="/sweeps/"]').count()).toBe(0);
    await page.screenshot({ path: path.join(shots, 'sweep-bad-config.png'), fullPage: true });

    // The kernel kept its state, and the notebook its cells, across a reload.
    await page.getByRole('button', { name: 'Add code cell' }).click();
    await pasteIntoCell(page, 2, 'answer + 1');
    await page.getByRole('group', { name: 'Cell 3, code' }).getByRole('button', { name: 'Run cell' }).click();
    await page.locator('[data-cell-type="code"]').nth(1).getByText('43').waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: /^Saved/ }).waitFor({ timeout: 15_000 });
    await page.reload();
    await waitForKernel(page);
    expect(await page.locator('[data-cell-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell-type')))).toEqual(['code', 'sweep', 'code']);
    expect(await page.locator('[data-cell-type="sweep"]').getByRole('list', { name: 'Sweep config errors' }).innerText()).toMatch(/^line 6: /);
    await expectNoPageErrors(errors);
  });
});
