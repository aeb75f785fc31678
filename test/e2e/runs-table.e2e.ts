import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedRun, seedRuns } from '@/bench/lib/seed-runs-http';
import { BASIS_POINTS, quantileKey } from '@/lib/bench/watch/watch-keys';
import { launchChromium, openPage } from './browser';
import { expectNoPageErrors } from './notebook-page';

/**
 * The /runs table on the production build against the server's query API: filter (with the
 * parse error marked), sort by a header, group by a param, the column chooser, soft delete and
 * restore, the view kept in the URL, and the home page asking for its newest few runs only.
 * Runs are seeded through the public API, deterministic (bench/lib/seed-runs-http.ts).
 */

const baseUrl = inject('baseUrl');
const shots = process.env.E2E_SCREENSHOT_DIR ?? path.resolve(import.meta.dirname, '../../test-results/runs-table');
const prefix = `rt${Date.now().toString(36)}`;
const COUNT = 24;
const id = (i: number) => `${prefix}-${String(i).padStart(6, '0')}`;
/** Only this file's runs (other e2e files share the server). */
const mine = `name ~ "${prefix}"`;

const grid = (page: Page) => page.getByTestId('runs-grid').first();
const rowIds = (page: Page) => grid(page).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')));
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

async function typeFilter(page: Page, text: string) {
  await page.getByRole('searchbox', { name: 'Filter runs' }).fill(text);
}

/**
 * A run as bench.watch logs it: 360 `watch/…` percentile metrics (20 tensors × 9 basis points ×
 * weights and gradients) beside its own. Named and created so that no other test here sees it.
 */
async function putWatchedRun(): Promise<void> {
  const run = seedRun(0, { params: 3, metrics: 2, projectId: 'default', prefix: `w${prefix}` }, Date.now() - 86_400_000 * 400);
  for (let t = 0; t < 20; t++) {
    for (const bp of BASIS_POINTS) for (const kind of ['w', 'g'] as const) run.summary[quantileKey(kind, `dense_${t}/kernel`, bp)] = { last: bp, min: 0, max: bp, step: 9, count: 10 };
  }
  const res = await fetch(`${baseUrl}/api/v1/runs/${run.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...run, name: 'watched' }) });
  if (!res.ok) throw new Error(`PUT watched run: ${res.status} ${await res.text()}`);
}

describe('the runs table (server query API)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await seedRuns({ baseUrl, count: COUNT, prefix, concurrency: 4 });
    await putWatchedRun();
    browser = await launchChromium({ webgpu: false });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    ({ page, errors } = await openPage(context, `${baseUrl}/runs`));
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('filters with the filter language (errors point at the token), sorts by a header, groups by a param; the view is in the URL', async () => {
    await grid(page).locator('tbody tr').first().waitFor();
    // A filter that does not parse: the message and the marked token, and no request is made.
    await typeFilter(page, `${mine} and params.lr <`);
    const error = page.getByTestId('filter-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/expected/i);
    expect(await page.getByRole('searchbox', { name: 'Filter runs' }).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'filter-error');

    // Seeded optimizers cycle adam, sgd, rmsprop, adamw: 6 of 24 are adam (ids 0, 4, 8 …).
    await typeFilter(page, `${mine} and params.optimizer = "adam"`);
    await expect.poll(() => rowIds(page)).toEqual([20, 16, 12, 8, 4, 0].map(id)); // newest first
    expect(await page.getByTestId('filter-error').count()).toBe(0);
    expect(await page.getByTestId('runs-total').innerText()).toMatch(/^6 runs match/);

    // Sort by name (ascending), then again (descending): the server's order, not the page's.
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await expect.poll(() => rowIds(page)).toEqual([0, 4, 8, 12, 16, 20].map(id));
    expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await expect.poll(() => rowIds(page)).toEqual([20, 16, 12, 8, 4, 0].map(id));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-name');

    // Group by a param: one group per optimizer with its count and the mean of the visible metric.
    await typeFilter(page, mine);
    await page.getByLabel('Group by').selectOption('params.optimizer');
    const groups = page.getByTestId('run-group');
    await expect.poll(() => groups.count()).toBe(4);
    for (const name of ['adam', 'sgd', 'rmsprop', 'adamw']) {
      expect(await page.locator(`[data-testid="run-group"][data-group="${name}"] [data-testid="group-count"]`).innerText()).toBe('6 runs');
    }
    expect(await groups.first().innerText()).toMatch(/val\/accuracy: mean \d/);
    await page.locator('[data-testid="run-group"][data-group="sgd"]').getByRole('button', { expanded: false }).click();
    const sgd = page.locator('[data-testid="run-group"][data-group="sgd"] [data-testid="runs-grid"] tbody tr');
    await expect.poll(() => sgd.count()).toBe(6);
    await shot(page, 'grouped');
    const problems = await axe(page);
    expect(problems, problems.join('\n')).toEqual([]);

    // The link is the view: a fresh page opens grouped, filtered and sorted the same way.
    const shared = page.url();
    expect(new URL(shared).searchParams.get('group')).toBe('params.optimizer');
    const other = await context.newPage();
    await other.goto(shared);
    await expect.poll(() => other.getByTestId('run-group').count()).toBe(4);
    expect(await other.getByRole('searchbox', { name: 'Filter runs' }).inputValue()).toBe(mine);
    await other.close();
    await page.getByLabel('Group by').selectOption('');
    await expectNoPageErrors(errors);
  });

  it('the column chooser adds a summary metric column (min), which sorts', async () => {
    await typeFilter(page, mine);
    await grid(page).locator('tbody tr').first().waitFor();
    await page.getByTestId('column-chooser').locator(':scope > summary').click();
    await page.getByRole('searchbox', { name: 'Search columns' }).fill('m5');
    await page.getByRole('checkbox', { name: 'm5 min' }).check();
    await shot(page, 'column-chooser');
    const problems = await axe(page);
    expect(problems, problems.join('\n')).toEqual([]);
    await page.getByTestId('column-chooser').locator(':scope > summary').click();
    const header = page.getByRole('columnheader', { name: 'm5 (min)' });
    await header.waitFor();
    expect(new URL(page.url()).searchParams.getAll('col')).toContain('metrics.m5.min');
    // Its cells hold numbers from the server's summary, and a click sorts by them (largest first).
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const res = await fetch(`${baseUrl}/api/v1/runs/query?${new URLSearchParams({ filter: mine, sort: '-metrics.m5.min', limit: '3', columns: 'metrics.m5' })}`);
    const top = ((await res.json()) as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
    await expect.poll(async () => (await rowIds(page)).slice(0, 3)).toEqual(top);
    await shot(page, 'metric-column');
    await expectNoPageErrors(errors);
  });

  it('the column chooser lists plain keys first and folds bench.watch\'s 360 watch/… keys until opened or searched', async () => {
    const chooser = page.getByTestId('column-chooser');
    // Open it (a retry finds it open: the page is shared by the tests of this file).
    if (!(await chooser.evaluate((d) => (d as HTMLDetailsElement).open))) await chooser.locator(':scope > summary').click();
    await page.getByRole('searchbox', { name: 'Search columns' }).fill(''); // the test above searched
    const watch = chooser.locator('[data-testid="column-group"][data-prefix="watch/"]');
    await watch.waitFor();
    await shot(page, 'column-groups');
    expect(await watch.locator('summary').innerText()).toBe('watch/… (360)');
    expect(await watch.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await watch.locator('input').count()).toBe(0); // folded: not even rendered
    await page.getByRole('checkbox', { name: 'm5 last' }).waitFor(); // a plain key, listed
    expect(await chooser.locator('[data-testid="column-group"][data-prefix="val/"]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await watch.locator('summary').click();
    await page.getByRole('checkbox', { name: 'watch/g/dense_3/kernel/p50 last' }).waitFor(); // (the first 200 of 360 are listed)
    await watch.locator('summary').click();
    // Closing unmounts its rows on the details' toggle event, a render later than the click.
    await expect.poll(() => watch.locator('input').count()).toBe(0);
    // A search opens the groups it matches.
    await page.getByRole('searchbox', { name: 'Search columns' }).fill('dense_7/kernel/p93');
    await page.getByRole('checkbox', { name: 'watch/g/dense_7/kernel/p93 max' }).waitFor();
    expect(await watch.locator('summary').innerText()).toBe('watch/… (2)');
    await page.getByRole('searchbox', { name: 'Search columns' }).fill('');
    await chooser.locator(':scope > summary').click();
    await expectNoPageErrors(errors);
  });

  it('deletes a run (soft) and restores it from the Deleted view', async () => {
    const victim = id(3);
    await typeFilter(page, mine);
    const row = grid(page).locator(`tbody tr[data-run-id="${victim}"]`);
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await page.getByTestId('runs-total').innerText()).toMatch(new RegExp(`^${COUNT - 1} runs`));
    expect((await fetch(`${baseUrl}/api/v1/runs/query?${new URLSearchParams({ filter: `id = "${victim}"` })}`).then((r) => r.json())).total).toBe(0);

    await page.getByRole('checkbox', { name: 'Deleted' }).check();
    const deleted = grid(page).locator(`tbody tr[data-run-id="${victim}"]`);
    await deleted.waitFor();
    expect(await rowIds(page)).toEqual([victim]);
    await shot(page, 'deleted-view');
    await deleted.getByRole('checkbox').check();
    await page.getByRole('toolbar', { name: 'Selected runs' }).getByRole('button', { name: /^Restore/ }).click();
    await expect.poll(() => deleted.count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Deleted' }).uncheck();
    await grid(page).locator(`tbody tr[data-run-id="${victim}"]`).waitFor();
    expect(await page.getByTestId('runs-total').innerText()).toMatch(new RegExp(`^${COUNT} runs`));
    await expectNoPageErrors(errors);
  });

  it('a run page renames the run, edits its tags and its markdown notes; the table filters by them', async () => {
    const target = id(5);
    await page.goto(`${baseUrl}/runs/${target}`);
    const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Name, tags and notes' }) });
    const name = panel.getByRole('textbox', { name: 'Name' });
    await name.waitFor();
    await name.fill(`${prefix}-renamed`);
    await panel.getByRole('button', { name: 'Rename' }).click();
    await panel.getByRole('textbox', { name: 'New tag (key or key=value)' }).fill('reviewed=yes');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    await expect.poll(() => panel.getByTestId('run-tags').innerText()).toContain('reviewed: yes');
    await panel.getByRole('button', { name: 'Edit notes' }).click();
    await panel.getByRole('textbox', { name: 'Notes' }).fill('## Findings\n\nThe **learning rate** was too high.');
    await panel.getByRole('button', { name: 'Save notes' }).click();
    await panel.getByTestId('run-notes').getByRole('heading', { name: 'Findings' }).waitFor();
    expect(await panel.getByTestId('run-notes').locator('strong').innerText()).toBe('learning rate');
    await shot(page, 'run-notes');
    const problems = await axe(page);
    expect(problems, problems.join('\n')).toEqual([]);

    // The server kept all three; the table finds the run by its new tag and shows its new name.
    await page.goto(`${baseUrl}/runs?${new URLSearchParams({ filter: `${mine} and tags.reviewed = "yes"` })}`);
    await expect.poll(() => rowIds(page)).toEqual([target]);
    expect(await grid(page).locator('tbody tr a').first().innerText()).toBe(`${prefix}-renamed`);
    await expectNoPageErrors(errors);
  });

  it('exports the filtered table as CSV and JSON, and the metrics of one run as CSV', async () => {
    await page.goto(`${baseUrl}/runs?${new URLSearchParams({ filter: `${mine} and params.optimizer = "sgd"` })}`);
    await expect.poll(async () => (await rowIds(page)).length).toBe(6);
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
      return readFileSync((await download.path())!, 'utf8');
    };
    // The whole filtered table (every page, not the loaded rows): a header and the 6 sgd runs, id
    // first (a line per run, but a quoted field may span lines: the renamed run's markdown notes do).
    const csv = await save('CSV');
    expect(csv.startsWith('id,name,')).toBe(true);
    expect(csv.match(new RegExp(`^"?${prefix}-\\d{6}"?,`, 'gm'))?.map((l) => l.replace(/[",]/g, '')).sort()).toEqual([1, 5, 9, 13, 17, 21].map(id));
    const json = JSON.parse(await save('JSON')) as Array<{ id: string; params: Record<string, unknown> }>;
    expect(json.map((r) => r.id).sort()).toEqual([1, 5, 9, 13, 17, 21].map(id));
    expect(new Set(json.map((r) => r.params.optimizer))).toEqual(new Set(['sgd']));
    // A run page's metrics: the seeded runs logged summaries only, so the CSV is its header.
    await page.goto(`${baseUrl}/runs/${id(1)}`);
    expect((await save('Metrics CSV')).trim()).toBe('key,step,time_ms,value');
    await expectNoPageErrors(errors);
  });

  it('the home page asks the server for its newest few runs only', async () => {
    const listRequests: string[] = [];
    const onRequest = (req: { url: () => string }) => {
      const u = new URL(req.url());
      if (u.pathname.startsWith('/api/v1/runs')) listRequests.push(`${u.pathname}${u.search}`);
    };
    page.on('request', onRequest);
    await page.goto(`${baseUrl}/`);
    const recent = page.getByRole('table', { name: 'Recent runs' }).locator('tbody tr');
    await recent.first().waitFor();
    page.off('request', onRequest);
    expect(await recent.count()).toBeLessThanOrEqual(6);
    expect(listRequests.length).toBeGreaterThan(0);
    for (const r of listRequests) expect(new URL(r, baseUrl).searchParams.get('limit'), r).toBe('6');
  });
});
