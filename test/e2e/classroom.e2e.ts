import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddresses } from '@/lib/server/lan-urls.mjs';
import { startAppServer, type AppServer } from './app-server';
import { launchChromium, openPage, secureContext } from './browser';
import { createFromTemplate, expectNoPageErrors, runSection, waitForKernel, waitForRunEnd } from './notebook-page';

/**
 * A class, end to end, on the production build served over HTTPS on this machine's LAN address
 * (as `npm run app -- --https` serves a class): a teacher and three students in separate browser
 * contexts (separate cookies and IndexedDB, as separate laptops) that accepted the self-signed
 * certificate. The server has a workspace token, so nobody is trusted as local: the teacher uses
 * the token (Settings), the students only their class cookie. The assignment is the 2-D
 * playground for 1–8 epochs on cpu (seconds).
 */

const host = lanAddresses().find((a) => !a.includes(':')) ?? '127.0.0.1';
const TOKEN = 'classroom-e2e-workspace-token';
const CLASS_NAME = 'Intro to DL, Tuesday';
const ASSIGNMENT = '2-D playground';
const METRIC = 'val/loss';
const STUDENTS = ['Ada', 'Grace', 'Alan'] as const;
/** Epochs per student: 2 then 3 epochs gave the same best val/loss (epoch 3 was no better), so they are spread. */
const EPOCHS = [1, 3, 8] as const;

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/classroom-${name}.png`, fullPage: true });
}

interface Student {
  name: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
  runId: string;
  copyId: string;
}

describe('a classroom: create, join by code, assignment, leaderboard, roster, scoping, end', () => {
  let dataDir: string;
  let server: AppServer;
  let url: string;
  let browser: Browser;
  let teacher: { context: BrowserContext; page: Page; errors: string[] };
  const students: Student[] = [];
  let code = '';
  let classId = '';

  /** The workspace API as a teacher's script uses it (bearer token), through the teacher's context (it trusts the certificate). */
  const api = async (p: string, body?: unknown) => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const res = body === undefined ? await teacher.context.request.get(`${url}${p}`, { headers }) : await teacher.context.request.post(`${url}${p}`, { headers, data: body });
    return { status: res.status(), json: () => res.json() as Promise<unknown> };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'benchtop-classroom-e2e-'));
    server = await startAppServer({ port: 0, https: true, host, env: { BENCHTOP_DATA_DIR: dataDir, BENCHTOP_TOKEN: TOKEN } });
    url = server.url;
    expect(url).toMatch(/^https:/);
    browser = await launchChromium();
    const context = await secureContext(browser);
    // The teacher's browser holds the workspace token, as Settings → Sync keeps it.
    await context.addInitScript((token) => window.localStorage.setItem('benchtop.sync.v1', JSON.stringify({ enabled: true, serverUrl: '', token })), TOKEN);
    teacher = { context, ...(await openPage(context, `${url}/`)) };
    teacher.page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the teacher creates a class and publishes a notebook as an assignment', async () => {
    const { page } = teacher;
    await createFromTemplate(page, url, ASSIGNMENT);
    await page.goto(`${url}/classes`);
    await page.getByRole('textbox', { name: 'New class' }).fill(CLASS_NAME);
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.waitForURL(/\/classes\/[^/?]+$/);
    classId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
    code = (await page.getByTestId('join-code').innerText()).trim();
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);

    await page.getByRole('button', { name: 'Publish a notebook' }).click();
    const form = page.getByRole('form', { name: 'Publish a notebook' });
    await form.getByRole('combobox', { name: 'Notebook' }).selectOption({ label: ASSIGNMENT });
    await form.getByRole('combobox', { name: 'Leaderboard metric' }).fill(METRIC);
    expect(await form.getByRole('combobox', { name: 'Best is' }).inputValue()).toBe('min');
    await form.getByRole('button', { name: 'Publish to the class' }).click();
    await expect.poll(async () => ((await (await api(`/api/v1/classes/${classId}/assignments`)).json()) as { assignments: unknown[] }).assignments.length).toBe(1);
  });

  it('three students join by code with their names, open the assignment and press Run all', async () => {
    const joinAndRun = async (name: string, i: number): Promise<Student> => {
      const context = await secureContext(browser);
      await context.addInitScript(() => window.localStorage.setItem('benchtop.backend', 'cpu'));
      const { page, errors } = await openPage(context, `${url}/join`);
      page.setDefaultTimeout(60_000);
      // Typed as read off a projector: lower case, with a space.
      await page.getByRole('textbox', { name: 'Class code' }).fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForURL(`${url}/join/${code}`);
      await page.getByRole('textbox', { name: 'Your name' }).fill(` ${name} `);
      await page.getByRole('button', { name: 'Join the class' }).click();
      await page.waitForURL(`${url}/class`);
      await page.getByRole('heading', { name: CLASS_NAME }).waitFor();
      expect(await page.getByTestId('student-name').innerText()).toBe(`You are ${name} in this class.`);
      if (i === 0) await shot(page, 'student-class');

      await page.getByRole('button', { name: `Open ${ASSIGNMENT}` }).click();
      await page.waitForURL(/\/notebooks\/[^/?]+$/);
      const copyId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]);
      // Different epochs per student, so the leaderboard has three different values to rank (training
      // is seeded: a longer run repeats a shorter one's epochs, so its best can only be as good or better).
      await page.goto(`${page.url()}?param.epochs=${EPOCHS[i]}`);
      expect(await waitForKernel(page)).toBe('cpu');
      expect(await page.getByTestId('class-copy').innerText()).toContain(`Assignment copy · ${CLASS_NAME}`);
      await page.getByRole('button', { name: 'Run all' }).click();
      expect(await waitForRunEnd(page, 120_000)).toBe('finished');
      const href = (await runSection(page).locator('a').first().getAttribute('href'))!;
      if (i === 0) await shot(page, 'student-notebook');
      return { name, context, page, errors, copyId, runId: decodeURIComponent(href.slice('/runs/'.length)) };
    };
    students.push(...(await Promise.all(STUDENTS.map(joinAndRun))));

    for (const s of students) {
      // The copy is on the server under the same id, owned by the student; the run is stamped with them.
      const copy = (await (await api(`/api/v1/notebooks/${s.copyId}`)).json()) as { notebook: { studentId: string | null; assignmentId: string | null } };
      expect(copy.notebook.studentId).not.toBeNull();
      expect(copy.notebook.assignmentId).not.toBeNull();
      await expect.poll(async () => (await api(`/api/v1/runs/${s.runId}`)).status, { timeout: 60_000 }).toBe(200);
      const run = ((await (await api(`/api/v1/runs/${s.runId}`)).json()) as { run: { owner: string | null; notebookId: string } }).run;
      expect(run.owner).toBe(s.name);
      expect(run.notebookId).toBe(s.copyId);
    }
  });

  it("a student's edits reach the server copy; after a save from elsewhere the next one is a conflict that keeps the local text until the student replaces the server's copy", async () => {
    const { page, copyId } = students[0];
    const rename = async (title: string) => {
      await page.getByRole('textbox', { name: 'Notebook title' }).fill(title);
      await page.getByRole('textbox', { name: 'Notebook title' }).press('Enter');
    };
    type ServerCopy = { notebook: { title: string; version: number; content: string } };
    const serverCopy = async () => (await (await api(`/api/v1/notebooks/${copyId}`)).json()) as ServerCopy;
    await rename('Ada’s spirals');
    // The badge says "synced" before the rename too: wait for the server's copy, then the badge.
    await expect.poll(async () => (await serverCopy()).notebook.title, { timeout: 30_000 }).toBe('Ada’s spirals');
    await expect.poll(() => page.getByTestId('class-copy').getAttribute('data-copy-sync'), { timeout: 30_000 }).toBe('synced');
    const onServer = await serverCopy();

    // Another tab of the same student saves first (same cookie, the version it read).
    const other = await page.evaluate(async ({ id, version, content }) => {
      const res = await fetch(`/api/v1/notebooks/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'from another tab', content, version }) });
      return res.status;
    }, { id: copyId, version: onServer.notebook.version, content: onServer.notebook.content });
    expect(other).toBe(200);
    await rename('Ada’s spirals, v2');
    await expect.poll(() => page.getByTestId('class-copy').getAttribute('data-copy-sync'), { timeout: 30_000 }).toBe('conflict');
    expect(await page.getByTestId('class-copy').innerText()).toContain('Your text stays in this browser');
    expect((await serverCopy()).notebook.title).toBe('from another tab');
    // The student keeps their text: it replaces the server's copy.
    await page.getByRole('button', { name: 'Replace the server’s copy with mine' }).click();
    await expect.poll(() => page.getByTestId('class-copy').getAttribute('data-copy-sync'), { timeout: 30_000 }).toBe('synced');
    expect((await serverCopy()).notebook.title).toBe('Ada’s spirals, v2');
    await page.reload();
    await expect.poll(() => page.getByRole('textbox', { name: 'Notebook title' }).inputValue(), { timeout: 30_000 }).toBe('Ada’s spirals, v2');
  });

  it("the teacher's leaderboard ranks the three and the roster shows them", async () => {
    const { page } = teacher;
    await page.goto(`${url}/classes/${classId}`);
    const board = page.getByTestId('leaderboard');
    await expect.poll(() => board.locator('tbody tr').count(), { timeout: 60_000 }).toBe(3);
    const rows = await board.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ name: tr.getAttribute('data-student'), rank: Number(tr.querySelector('td')?.textContent) })));
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(STUDENTS));
    // Lower loss ranks first: the same order as the server's values.
    const served = (await (await api(`/api/v1/classes/${classId}/leaderboard?metric=${encodeURIComponent(METRIC)}&goal=min`)).json()) as { rows: { studentName: string; value: number }[] };
    expect(served.rows.map((r) => r.studentName)).toEqual(rows.map((r) => r.name));
    expect([...served.rows.map((r) => r.value)].sort((a, b) => a - b)).toEqual(served.rows.map((r) => r.value));

    const roster = page.getByTestId('roster');
    for (const name of STUDENTS) await roster.locator(`tr[data-student="${name}"]`).waitFor();
    await shot(page, 'teacher-dashboard');
  });

  it("a student cannot delete another student's run (403), from their own page with their cookie", async () => {
    const [ada, grace] = students;
    const answer = await ada.page.evaluate(async (runId) => {
      const res = await fetch(`/api/v1/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' });
      return { status: res.status, body: await res.text() };
    }, grace.runId);
    expect(answer.status, answer.body).toBe(403);
    expect(answer.body).toMatch(/"forbidden"/);
    expect((await api(`/api/v1/runs/${grace.runId}`)).status).toBe(200);
  });

  it("a class sweep's join page works for a student: their browser takes the trials, and the trials' runs are credited to them", async () => {
    const trainCell = [
      'const data = await bench.datasets.spirals({ n: 200, noise: 0.05, seed: 1, validationSplit: 0.2 });',
      'async function trainTrial(config) {',
      "  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: config.units, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });",
      "  return bench.train({ name: 'class trial', model, data, learningRate: 0.05, loss: 'binaryCrossentropy', epochs: 1, batchSize: 32, seed: 1 });",
      '}',
    ].join('\n');
    const created = await api('/api/v1/sweeps', {
      name: 'class sweep',
      spec: { method: 'grid', metric: { name: 'val/loss', goal: 'minimize' }, parameters: { units: { values: [4, 8] } } },
      code: { cells: [{ cellId: 'train', source: trainCell }] },
      functionName: 'trainTrial',
      classId,
    });
    expect(created.status).toBe(201);
    const sweepId = ((await created.json()) as { sweep: { id: string } }).sweep.id;

    const grace = students[1];
    await grace.page.goto(`${url}/sweeps/${sweepId}/join`);
    await grace.page.getByTestId('join-button').click();
    await expect.poll(() => grace.page.getByTestId('agent-status').getAttribute('data-phase'), { timeout: 120_000, interval: 1_000 }).toBe('done');
    const sweep = ((await (await api(`/api/v1/sweeps/${sweepId}`)).json()) as { sweep: { runs: { runId: string }[]; state: { trials: { status: string }[] } } }).sweep;
    expect(sweep.state.trials.map((t) => t.status)).toEqual(['finished', 'finished']);
    expect(sweep.runs).toHaveLength(2);
    for (const { runId } of sweep.runs) {
      await expect.poll(async () => (await api(`/api/v1/runs/${runId}`)).status, { timeout: 60_000 }).toBe(200);
      expect(((await (await api(`/api/v1/runs/${runId}`)).json()) as { run: { owner: string | null } }).run.owner).toBe(grace.name);
    }
  });

  it('the teacher ends the class: a new join says "This class has ended", and so does a student\'s page', async () => {
    const { page } = teacher;
    await page.getByRole('button', { name: 'End class' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End class' }).click();
    await expect.poll(async () => ((await (await api(`/api/v1/classes/${classId}`)).json()) as { endedAt: number | null }).endedAt, { timeout: 30_000 }).not.toBeNull();

    const late = await secureContext(browser);
    const { page: latePage } = await openPage(late, `${url}/join/${code}`);
    await latePage.getByRole('textbox', { name: 'Your name' }).fill('Latecomer');
    await latePage.getByRole('button', { name: 'Join the class' }).click();
    await latePage.getByTestId('join-error').getByText('This class has ended').waitFor({ timeout: 30_000 });
    await shot(latePage, 'join-ended');
    // Neither student nor teacher: a sweep's join page says what to do, not `HTTP 401 … Bearer <token>`.
    await latePage.goto(`${url}/sweeps/sw-class-sweep/join`);
    const help = latePage.getByTestId('sweep-access-help');
    await help.waitFor({ timeout: 30_000 });
    expect(await help.innerText()).toMatch(/join the class[\s\S]*set its token in Settings/);
    expect(await latePage.locator('main').innerText()).not.toContain('Bearer');
    await late.close();

    const ada = students[0];
    await ada.page.goto(`${url}/class`);
    await ada.page.getByTestId('class-ended').getByText('This class has ended').waitFor({ timeout: 30_000 });
    for (const s of students) await expectNoPageErrors(s.errors.filter((e) => !/40[13]/.test(e)));
    await expectNoPageErrors(teacher.errors);
  });
});
