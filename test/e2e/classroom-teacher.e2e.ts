import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Assignment } from '@/lib/classroom/api';
import { launchChromium } from './browser';
import { joinClass, studentLogsRun, type StudentResult } from './classroom-seed';
import { createFromTemplate } from './notebook-page';

/**
 * The teacher's pages on the production build: create a class from /classes, see its code, link
 * and QR; publish a notebook from this browser; students (over HTTP, with their own tokens) join
 * and log runs while the dashboard is open, and the roster and the live leaderboard show them,
 * names escaped; a student's copy opens read-only; the projector ranks them; axe finds nothing
 * on the dashboard or the projector; ending the class (after a confirmation) stops joins.
 * Screenshots land in test-results/classroom (the README's come from here).
 */

const baseUrl = inject('baseUrl');
const shots = process.env.E2E_SCREENSHOT_DIR ?? path.resolve(import.meta.dirname, '../../test-results/classroom');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const METRIC = 'val/accuracy';
const HOSTILE = '<img src=x onerror="__xss=1">Bobby';

/** Best value each student reaches; the board must rank them in this order (goal max). */
const RESULTS: StudentResult[] = [
  { name: 'Ada Lovelace', backend: 'webgpu', adapter: 'apple · metal-3', values: [0.61, 0.84, 0.93, 0.974] },
  { name: 'Grace Hopper', backend: 'webgpu', adapter: 'nvidia · ampere', values: [0.58, 0.81, 0.952] },
  { name: 'Katherine Johnson', backend: 'webgpu', adapter: 'intel · gen-12lp', values: [0.55, 0.79, 0.931, 0.92] },
  { name: 'Alan Turing', backend: 'webgl', adapter: null, values: [0.52, 0.77, 0.905] },
  { name: HOSTILE, backend: 'cpu', adapter: null, values: [0.5, 0.883] },
];

async function axeProblems(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return axe.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

async function checkPage(page: Page, widths: number[], ready: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: width > 400 ? 900 : 780 });
    await ready();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) problems.push(`${width} px: the page is ${scrollWidth} px wide`);
    problems.push(...(await axeProblems(page)).map((p) => `${width} px: ${p}`));
  }
  return problems;
}

describe('classroom: the teacher’s pages', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let classId = '';
  let code = '';
  let assignment: Assignment;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => errors.push(e.message));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('creates a class from /classes and shows its code, join link and QR, warning that plain HTTP gets no WebGPU', async () => {
    await page.goto(`${baseUrl}/classes`);
    await page.getByRole('link', { name: 'Classes' }).waitFor();
    await page.getByRole('textbox', { name: 'New class' }).fill('Deep learning 101 · Tuesday');
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.waitForURL(/\/classes\/[^/]+$/);
    classId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    code = (await page.getByTestId('join-code').textContent())!.trim();
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(await page.getByTestId('join-link').textContent()).toMatch(new RegExp(`^http://[^/]+/join/${code}$`));
    await page.getByRole('img', { name: /^QR code for http/ }).waitFor();
    await page.getByText('Students will not get WebGPU over plain HTTP').waitFor();
    await page.getByText('Nobody has joined yet').waitFor();
    // The list knows it too.
    await page.goto(`${baseUrl}/classes`);
    await expect.poll(() => page.locator(`tr[data-class-id="${classId}"]`).textContent()).toContain(code);
  });

  it('publishes one of this browser’s notebooks as an assignment', async () => {
    await createFromTemplate(page, baseUrl, null); // a notebook in this browser's IndexedDB
    await page.goto(`${baseUrl}/classes/${encodeURIComponent(classId)}`);
    await page.getByRole('button', { name: 'Publish a notebook' }).click();
    const form = page.getByRole('form', { name: 'Publish a notebook' });
    await form.getByRole('combobox', { name: 'Notebook' }).selectOption({ index: 1 });
    await form.getByRole('textbox', { name: 'Title for students' }).fill('Spirals: beat 0.9');
    await form.getByRole('combobox', { name: 'Leaderboard metric' }).fill(METRIC);
    await form.getByRole('button', { name: 'Publish to the class' }).click();
    await page.getByRole('heading', { name: 'Spirals: beat 0.9' }).waitFor();
    const res = await fetch(`${baseUrl}/api/v1/classes/${encodeURIComponent(classId)}/assignments`);
    const { assignments } = (await res.json()) as { assignments: Assignment[] };
    expect(assignments.map((a) => [a.title, a.metric, a.goal])).toEqual([['Spirals: beat 0.9', METRIC, 'max']]);
    assignment = assignments[0]!;
    await page.getByText(`No student has logged ${METRIC} yet.`).waitFor();
  });

  it('shows students joining and their runs on the roster and the live leaderboard, without a reload, names escaped', async () => {
    const joined = await Promise.all([...RESULTS.map((r) => joinClass(baseUrl, code, r.name)), joinClass(baseUrl, code, 'Emmy Noether')]);
    for (const [i, result] of RESULTS.entries()) await studentLogsRun(baseUrl, { classId, assignment, token: joined[i]!.token, result, metric: METRIC });

    const roster = page.getByTestId('roster');
    await expect.poll(() => roster.locator('tbody tr').count(), { timeout: 15_000 }).toBe(RESULTS.length + 1);
    await expect.poll(() => roster.locator('tr[data-student="Emmy Noether"]').textContent()).toContain('idle');
    const board = page.getByTestId('leaderboard');
    await expect.poll(() => board.locator('tbody tr').count(), { timeout: 15_000 }).toBe(RESULTS.length);
    expect(await board.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-student')))).toEqual(RESULTS.map((r) => r.name));
    expect(await board.locator('tbody tr').first().textContent()).toContain('0.974');
    // The hostile name is text: no <img> was made from it, no handler ran.
    expect(await page.getByText(HOSTILE).count()).toBeGreaterThan(0);
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: path.join(shots, 'dashboard.png'), fullPage: true });
  });

  it('opens a student’s copy read-only', async () => {
    await page.getByRole('list', { name: 'Student copies' }).getByRole('button', { name: 'Ada Lovelace' }).click();
    // The copy of the blank notebook published above: its cells listed, no editor mounted.
    const nb = page.getByTestId('read-only-notebook');
    await nb.getByLabel(/^Cell 1 \(typescript\)$/).waitFor();
    await page.getByText(/^Ada Lovelace's copy \(read-only\)/).waitFor();
    expect(await nb.locator('textarea, [contenteditable="true"], .monaco-editor').count()).toBe(0);
  });

  it('the dashboard has no axe violations and no sideways scroll at 1280 and 360 px', async () => {
    const problems = await checkPage(page, [1280, 360], async () => {
      await page.getByTestId('leaderboard').waitFor();
      await page.waitForTimeout(300);
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the projector ranks the students in large type with the join code, and passes axe', async () => {
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto(`${baseUrl}/classes/${encodeURIComponent(classId)}/projector?assignment=${encodeURIComponent(assignment.id)}`);
    const rows = page.getByTestId('projector-leaderboard').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(RESULTS.length);
    expect(await rows.evaluateAll((trs) => trs.map((r) => r.getAttribute('data-student')))).toEqual(RESULTS.map((r) => r.name));
    expect(await page.getByTestId('projector-code').textContent()).toBe(code);
    // Readable from the back of a room: names at least 40 px tall on a 1600 px screen.
    const px = await rows.first().locator('td').nth(1).evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
    expect(px).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: path.join(shots, 'projector.png') });
    await page.keyboard.press('f'); // full screen may be refused headless; the page must not break
    await rows.first().waitFor();
    const problems = await checkPage(page, [1600, 360], async () => {
      await rows.first().waitFor();
      await page.waitForTimeout(300);
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('ends the class after a confirmation; joining then says the class has ended', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/classes/${encodeURIComponent(classId)}`);
    await page.getByRole('button', { name: 'End class' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End class' }).click();
    await page.getByText(/^This class ended/).waitFor();
    const res = await fetch(`${baseUrl}/api/v1/classes/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'Late Student' }) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/this class has ended/i);
    expect(errors).toEqual([]);
  });
});
