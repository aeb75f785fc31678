import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { joinSeededClass, seedClass, seedMlflowRun, seedReport, seedServedModel, seedServerSweep } from './a11y-fixtures';
import { launchChromium } from './browser';
import { seedRankedClass } from './classroom-seed';
import { DATA_TEMPLATES, seedDatasets } from './datasets-seed';
import { createFromTemplate, runSection, typeIntoCell, waitForKernel, waitForRunEnd } from './notebook-page';

/**
 * Every page, at a desktop width and a small phone's, on the production build: axe-core's WCAG
 * 2.1 A/AA rules report nothing, and nothing is wider than the window (no sideways scrolling).
 * Pages have content: a trained local run (synced and shared), an MLflow run, a sweep with
 * trials, each template's notebook, a notebook with math, and the not-found states.
 */

const baseUrl = inject('baseUrl');
const WIDTHS = [1280, 360] as const;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const shots = process.env.E2E_SCREENSHOT_DIR ?? path.resolve(import.meta.dirname, '../../test-results/a11y');

interface PageCase {
  name: string;
  /** Whose browser opens it: the workspace's (default) or a student's (in a class, with its cookie). */
  as?: 'student';
  path: () => string;
  /** Waits until the page shows what it is for (data loaded, editors mounted). */
  ready: (page: Page) => Promise<void>;
}

const ids = { localRun: '', mlflowRun: '', sweep: '', share: '', report: '', reportShare: '', classCode: '', studentCopy: '', model: '', notebooks: new Map<string, string>() };

/** No "Loading…" left on the page, and a heading or empty state in <main>. */
async function loaded(page: Page): Promise<void> {
  await page.locator('main h1, main h2, main p').first().waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByRole('status').filter({ hasText: /^Loading/ }).count(), { timeout: 60_000 }).toBe(0);
}

/** The notebook with its kernel up and every cell's Monaco editor mounted (their DOM is checked too). */
async function notebookReady(page: Page): Promise<void> {
  await waitForKernel(page);
  const editors = page.getByTestId('cell-editor');
  await expect.poll(async () => (await editors.count()) > 0 && (await editors.count()) === (await page.locator('[data-testid="cell-editor"] .monaco-editor').count()), { timeout: 60_000 }).toBe(true);
}

/** The first compare chart has drawn its lines. */
async function chartDrawn(page: Page): Promise<void> {
  await expect.poll(async () => Number((await page.locator('[data-testid="compare-chart"]').first().getAttribute('data-draws')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
}

function withText(text: string | RegExp) {
  return async (page: Page) => {
    await loaded(page);
    await page.getByText(text).first().waitFor({ timeout: 60_000 });
  };
}

/** The teacher's class pages (a class with two ranked students, seeded over HTTP). */
const classroom = { classId: '', assignmentId: '' };
const classPages: PageCase[] = [
  { name: 'classes', path: () => '/classes', ready: withText('A11y teacher class') },
  { name: 'class dashboard', path: () => `/classes/${classroom.classId}`, ready: async (page) => (await withText('Ada Lovelace')(page), await page.getByTestId('leaderboard').waitFor()) },
  { name: 'class projector', path: () => `/classes/${classroom.classId}/projector?assignment=${classroom.assignmentId}`, ready: async (page) => void (await page.getByTestId('projector-leaderboard').locator('tbody tr').nth(1).waitFor({ timeout: 60_000 })) },
];

const notebook = (title: string): PageCase => ({ name: `notebook: ${title}`, path: () => `/notebooks/${ids.notebooks.get(title)}?backend=cpu`, ready: notebookReady });

const PAGES: PageCase[] = [
  // Home lists only the newest few runs, and other e2e files' runs may be newer than the fixture's:
  // wait for the recent-runs table itself, with rows, whoever's they are.
  { name: 'home', path: () => '/', ready: async (page) => (await loaded(page), await page.getByRole('table', { name: 'Recent runs' }).locator('tbody tr').first().waitFor({ timeout: 60_000 })) },
  notebook('MNIST MLP'),
  notebook('MNIST CNN'),
  notebook('2-D playground'),
  ...DATA_TEMPLATES.map(notebook),
  { name: 'datasets (a stored table and image set)', path: () => '/datasets', ready: async (page) => (await loaded(page), await page.getByTestId('image-set-summary').first().waitFor()) },
  {
    name: 'notebook: markdown with math',
    path: () => `/notebooks/${ids.notebooks.get('math')}?backend=cpu`,
    ready: async (page) => {
      await notebookReady(page);
      await page.locator('.markdown-body .katex-display').waitFor({ timeout: 30_000 });
    },
  },
  { name: 'runs', path: () => '/runs', ready: withText('mlflow a11y run') },
  // The table's other states: grouped by a param (a group expanded), and a filter that does not parse.
  {
    name: 'runs: grouped by a param',
    path: () => '/runs?group=params.lr',
    ready: async (page) => {
      await loaded(page);
      await page.getByTestId('run-group').first().getByRole('button').click();
      await page.locator('[data-testid="run-group"] [data-testid="runs-grid"] tbody tr').first().waitFor({ timeout: 60_000 });
    },
  },
  { name: 'runs: filter error', path: () => `/runs?${new URLSearchParams({ filter: 'params.lr <' })}`, ready: async (page) => (await loaded(page), await page.getByTestId('filter-error').waitFor()) },
  { name: 'run (this browser)', path: () => `/runs/${ids.localRun}`, ready: async (page) => (await withText('Synced')(page), await page.locator('canvas').first().waitFor()) },
  { name: 'run (server only, MLflow)', path: () => `/runs/${ids.mlflowRun}`, ready: async (page) => (await withText('mlflow a11y run')(page), await page.locator('canvas').first().waitFor()) },
  // A local run (also synced) beside a server-only MLflow run, overlaid; the report over both and its share link.
  { name: 'compare', path: () => `/compare?runs=${ids.localRun},${ids.mlflowRun}&smoothing=0.6`, ready: async (page) => (await loaded(page), await chartDrawn(page)) },
  { name: 'report', path: () => `/reports/${ids.report}`, ready: async (page) => (await withText('A11y report')(page), await page.locator('.katex').first().waitFor(), await chartDrawn(page)) },
  { name: 'report share', path: () => `/share/${ids.reportShare}`, ready: async (page) => (await withText('Shared report · read-only')(page), await chartDrawn(page)) },
  { name: 'sweeps', path: () => '/sweeps', ready: withText('accessibility sweep') },
  { name: 'sweep', path: () => `/sweeps/${ids.sweep}`, ready: async (page) => (await withText('accessibility sweep')(page), await page.locator('[data-testid="parallel-coordinates"] path[data-trial-id]').first().waitFor()) },
  { name: 'sweep join', path: () => `/sweeps/${ids.sweep}/join`, ready: withText('accessibility sweep') },
  { name: 'settings', path: () => '/settings', ready: loaded },
  { name: 'infer', path: () => '/infer', ready: loaded },
  { name: 'models', path: () => '/models', ready: withText(/a11y-model-/) },
  {
    name: 'model (versions, aliases, predict tokens, monitoring, alerts)',
    path: () => `/models/${ids.model}`,
    ready: async (page) => (await withText('20 requests')(page), await page.getByTestId('monitoring-v1').locator('canvas').first().waitFor(), await page.getByTestId('alert-rule').waitFor(), await page.getByTestId('predict-token').waitFor()),
  },
  { name: 'join a class (code)', path: () => '/join', ready: withText('Class code') },
  { name: 'join a class (name)', path: () => `/join/${ids.classCode}`, ready: withText('Your name') },
  { name: 'student: my class', as: 'student', path: () => '/class', ready: async (page) => (await withText('A11y class')(page), await page.getByRole('button', { name: /^Open / }).waitFor()) },
  { name: 'student: join while in a class', as: 'student', path: () => '/join', ready: withText(/already in the class/) },
  { name: 'student: assignment copy', as: 'student', path: () => `/notebooks/${ids.studentCopy}?backend=cpu`, ready: async (page) => (await notebookReady(page), await page.getByText('Assignment copy · A11y class').waitFor()) },
  { name: 'share', path: () => `/share/${ids.share}`, ready: async (page) => (await withText(/Shared run · read-only/)(page), await page.getByTestId('run-chart').locator('canvas').first().waitFor()) },
  { name: 'notebook not found', path: () => '/notebooks/nb-missing', ready: withText('Notebook not found') },
  { name: 'run not found', path: () => '/runs/run-missing', ready: withText('Run not found') },
  { name: 'sweep not found', path: () => '/sweeps/sw-missing', ready: withText(/No sweep sw-missing/) },
  { name: 'share not found', path: () => '/share/no-such-token-0000000000', ready: withText('Link not found') },
  { name: 'unknown route (404)', path: () => '/no/such/page', ready: withText(/not found/i) },
  ...classPages,
];

/** expect.poll for hooks (vitest allows it in tests only). */
async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** axe's violations as one line each: rule, impact, and where. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

describe('accessibility and small screens, on every page', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let studentPage: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(90_000);
    [ids.sweep, ids.mlflowRun, ids.classCode, ids.model] = await Promise.all([seedServerSweep(baseUrl), seedMlflowRun(baseUrl), seedClass(baseUrl, 'A11y class'), seedServedModel(baseUrl)]);
    // A student's browser: its own context (cookie, IndexedDB), in the class, with its copy opened once.
    studentPage = await (await browser.newContext()).newPage();
    studentPage.setDefaultTimeout(90_000);
    ids.studentCopy = await joinSeededClass(studentPage, baseUrl, ids.classCode, 'Ada Lovelace');

    await seedDatasets(page, baseUrl);
    for (const title of DATA_TEMPLATES) ids.notebooks.set(title, new URL(await createFromTemplate(page, baseUrl, title)).pathname.split('/')[2]);
    for (const title of ['MNIST MLP', 'MNIST CNN']) ids.notebooks.set(title, new URL(await createFromTemplate(page, baseUrl, title)).pathname.split('/')[2]);

    Object.assign(classroom, await seedRankedClass(baseUrl, 'A11y teacher class'));

    // A real local run: the 2-D playground trained for one epoch on cpu, synced, then shared.
    const playground = await createFromTemplate(page, baseUrl, '2-D playground');
    ids.notebooks.set('2-D playground', new URL(playground).pathname.split('/')[2]);
    await page.goto(`${playground}?backend=cpu&param.epochs=1`);
    await waitForKernel(page);
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 200_000)).toBe('finished');
    const runHref = (await runSection(page).locator('a').first().getAttribute('href'))!;
    ids.localRun = decodeURIComponent(runHref.slice('/runs/'.length));
    await until(async () => (await fetch(`${baseUrl}/api/v1/runs/${encodeURIComponent(ids.localRun)}`)).status === 200, 120_000, 'the run to reach the server');
    const shared = await fetch(`${baseUrl}/api/v1/runs/${encodeURIComponent(ids.localRun)}/shares`, { method: 'POST' });
    expect(shared.status).toBe(201);
    ids.share = ((await shared.json()) as { share: { token: string } }).share.token;
    ({ reportId: ids.report, token: ids.reportShare } = await seedReport(baseUrl, [ids.localRun, ids.mlflowRun], 'train_loss'));

    // A notebook whose markdown cell has inline and display math.
    const blank = await createFromTemplate(page, baseUrl, null);
    ids.notebooks.set('math', new URL(blank).pathname.split('/')[2]);
    await page.goto(`${blank}?backend=cpu`);
    await waitForKernel(page);
    await page.getByRole('button', { name: 'Add markdown cell' }).click();
    await typeIntoCell(page, 1, '## Cross-entropy\n\nFor one sample, $L = -\\sum_i y_i \\log p_i$ and\n\n$$\n\\frac{\\partial L}{\\partial z_i} = p_i - y_i\n$$\n');
    await page.keyboard.press('Escape');
    await page.getByRole('group', { name: 'Cell 2, markdown' }).locator('.katex-display').waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: /^Saved/ }).waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await studentPage?.context().close();
    await context?.close();
    await browser?.close();
  });

  for (const c of PAGES) {
    it(`${c.name}: 0 axe violations (WCAG 2.1 AA) and no horizontal scroll at ${WIDTHS.join(' and ')} px`, async () => {
      const problems: string[] = [];
      const tab = c.as === 'student' ? studentPage : page;
      for (const width of WIDTHS) {
        await tab.setViewportSize({ width, height: width > 400 ? 900 : 780 });
        await tab.goto(`${baseUrl}${c.path()}`);
        await c.ready(tab);
        await tab.waitForTimeout(300); // charts and editors lay out after their data
        const scrollWidth = await tab.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > width) problems.push(`${width} px: the page is ${scrollWidth} px wide`);
        const axe = await new AxeBuilder({ page: tab }).withTags(WCAG_TAGS).analyze();
        problems.push(...describeViolations(axe.violations).map((v) => `${width} px: ${v}`));
        await tab.screenshot({ path: path.join(shots, `${c.name.replace(/[^a-z0-9]+/gi, '-')}-${width}.png`), fullPage: true });
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
});
