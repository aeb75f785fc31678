import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { playgroundTemplate } from '@/lib/bench/templates/playground';
import { createSweepHttpClient } from '@/lib/sweep/http-client';
import { launchChromium, openPage } from './browser';

/**
 * A server sweep of 6 random trials on the 2-D playground's spirals, worked on by two browser
 * contexts that opened the join link (cpu backend, 3 epochs): the sweep finishes with 6 trials,
 * each run exactly once, and the sweep page's parallel-coordinates plot draws all 6.
 */

const baseUrl = inject('baseUrl');
const shots = path.resolve(import.meta.dirname, '../../test-results');

const SPEC = `
name: e2e spirals
method: random
run_cap: 6
metric: {name: val/loss, goal: minimize}
early_terminate: {type: hyperband, min_iter: 2, eta: 2}
parameters:
  lr: {distribution: log_uniform_values, min: 0.003, max: 0.1}
  units: {values: [4, 8]}
`;

/** The playground's data cell, and a training function the sweep calls per trial. */
const CELLS = [
  { cellId: 'data', source: playgroundTemplate.cells[1].source },
  {
    cellId: 'train',
    source: [
      'async function trainTrial(config) {',
      '  const model = tf.sequential({ layers: [',
      "    tf.layers.dense({ inputShape: [2], units: config.units, activation: 'tanh' }),",
      "    tf.layers.dense({ units: 1, activation: 'sigmoid' }),",
      '  ] });',
      "  return bench.train({ name: 'spirals', model, data, learningRate: config.lr, loss: 'binaryCrossentropy', epochs: EPOCHS, batchSize: 32, seed: 1 });",
      '}',
    ].join('\n'),
  },
];

describe('sweep across two browsers', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => browser?.close());

  it('two joined agents finish a 6-trial random sweep, each trial once, and the page plots 6 lines', async () => {
    const client = createSweepHttpClient({ baseUrl });
    const sweep = await client.create({ spec: SPEC, seed: 7, code: { cells: CELLS }, functionName: 'trainTrial', leaseMs: 20_000 });
    expect(sweep.status).toBe('running');

    const joinUrl = `${baseUrl}/sweeps/${sweep.id}/join?backend=cpu&param.epochs=3`;
    const agents: { page: Page; errors: string[] }[] = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext();
      const opened = await openPage(context, joinUrl);
      await opened.page.getByTestId('join-button').click();
      agents.push(opened);
    }
    // Both agents end on their own when the server says the sweep is done.
    for (const { page } of agents) {
      await page.locator('[data-testid="agent-status"][data-phase="done"], [data-testid="agent-status"][data-phase="failed"]').waitFor({ timeout: 200_000 });
    }
    for (const [i, { page, errors }] of agents.entries()) {
      await page.screenshot({ path: path.join(shots, `sweep-join-agent-${i + 1}.png`), fullPage: true });
      expect(await page.getByTestId('agent-status').getAttribute('data-phase'), await page.getByTestId('agent-status').innerText()).toBe('done');
      expect(errors).toEqual([]);
    }

    const final = await client.get(sweep.id);
    expect(final.status).toBe('finished');
    expect(final.reason).toBe('run_cap of 6 trials reached');
    expect(final.state.trials).toHaveLength(6);
    expect(new Set(final.state.trials.map((t) => t.id)).size).toBe(6);
    for (const t of final.state.trials) {
      expect(t.attempt, `${t.id} leased once`).toBe(1);
      expect(t.agents, `${t.id} ran on one agent`).toHaveLength(1);
      expect(['finished', 'stopped']).toContain(t.status);
      if (t.status === 'stopped') expect(t.reason).toMatch(/^hyperband: val\/loss/);
    }
    // Each trial's run is linked once, and the agents' trial counts add up to 6.
    expect(new Set(final.runs.map((r) => r.trialId)).size).toBe(6);
    expect(final.runs).toHaveLength(6);
    const ended = await Promise.all(
      agents.map(async ({ page }) => {
        const counter = page.getByTestId('agent-trials'); // absent when an agent ran no trial
        return (await counter.count()) ? Number((await counter.innerText()).match(/\d+/)?.[0]) : 0;
      }),
    );
    expect(ended[0] + ended[1]).toBe(6);

    const { page, errors } = await openPage(await browser.newContext(), `${baseUrl}/sweeps/${sweep.id}`);
    await page.locator('[data-testid="sweep-view"][data-sweep-status="finished"]').waitFor({ timeout: 30_000 });
    const lines = page.locator('[data-testid="parallel-coordinates"] path[data-trial-id]');
    await expect.poll(() => lines.count(), { timeout: 10_000 }).toBe(6);
    expect(new Set(await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-trial-id'))))).toEqual(new Set(final.state.trials.map((t) => t.id)));
    expect(await lines.evaluateAll((els) => els.every((e) => (e.getAttribute('d') ?? '').split(/[ML]/).length - 1 === 3))).toBe(true); // lr, units, metric
    expect(await page.locator('[data-testid="trials-table"] tbody tr').count()).toBe(6);

    // Brushing the units axis at its top (8) keeps only the trials with units 8 coloured.
    const axis = page.locator('[data-axis="units"] rect[aria-label="Brush units"]');
    const box = (await axis.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2, { steps: 4 });
    await page.mouse.up();
    const eights = final.state.trials.filter((t) => t.config.units === 8).length;
    await expect.poll(() => page.locator('[data-testid="parallel-coordinates"] path[data-selected="true"]').count()).toBe(eights);
    await page.screenshot({ path: path.join(shots, 'sweep-page.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
