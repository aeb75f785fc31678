import type { Browser, Page } from 'playwright-core';
import type { BenchTemplate } from '../../lib/bench/templates/template';
import { createFromTemplate, waitForKernel } from '../../test/e2e/notebook-page';

/** One tracked run a template's Run all stored, as read back from the page's IndexedDB. */
export interface StoredRunFigures {
  run: string;
  status: string;
  /** The backend the run's env recorded (what actually trained). */
  backend: string | null;
  epochs: number | null;
  trainSize: number | null;
  valAccuracy: number | null;
  /** Per epoch: trainSize ÷ that epoch's perf/samples_per_s (the training loop's own clock), ms. */
  epochMs: number[];
  /** The random forest's fit, ms (it has no epochs). */
  fitMs: number | null;
  /** createdAt → finishedAt of the run, s (validation, checkpoints and logging included). */
  runS: number | null;
}

export interface TemplateRunResult {
  /** The kernel's backend as the notebook's badge reported it. */
  kernelBackend: string;
  /** Page load → every code cell done, s (dataset download and tokenizer training included). */
  wallS: number;
  runs: StoredRunFigures[];
  /** Cells that ended in error, with their output text. */
  cellErrors: string[];
}

const TERMINAL = ['done', 'error', 'stopped'];

/** Waits until every code cell's status is terminal (Run all queued them all at once). */
async function waitForRunAll(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (terminal) => {
      const cells = [...document.querySelectorAll('[data-cell-type="code"]')];
      return cells.length > 0 && cells.every((c) => terminal.includes(c.getAttribute('data-status') ?? ''));
    },
    TERMINAL,
    { timeout: timeoutMs, polling: 1000 },
  );
}

/** The page's runs and their per-epoch speeds, straight from the app's IndexedDB (`benchtop`). */
function readStoredRuns(page: Page): Promise<StoredRunFigures[]> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('benchtop');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    type Stored = { id: string; name: string; status: string; createdAt: number; finishedAt: number | null; config: Record<string, unknown>; env: { backend?: string }; summary: Record<string, { last: number }> };
    const runs = (await request(db.transaction('runs').objectStore('runs').getAll())) as Stored[];
    runs.sort((a, b) => a.createdAt - b.createdAt);
    const figures = [];
    for (const run of runs) {
      const range = IDBKeyRange.bound([run.id, 'perf/samples_per_s', -Infinity], [run.id, 'perf/samples_per_s', Infinity]);
      const speeds = (await request(db.transaction('metrics').objectStore('metrics').getAll(range))) as { step: number; value: number }[];
      const trainSize = typeof run.config.trainSize === 'number' ? run.config.trainSize : null;
      figures.push({
        run: run.name,
        status: run.status,
        backend: run.env.backend ?? null,
        epochs: typeof run.config.epochs === 'number' ? run.config.epochs : null,
        trainSize,
        valAccuracy: run.summary['val/accuracy']?.last ?? null,
        epochMs: trainSize === null ? [] : speeds.sort((a, b) => a.step - b.step).map((p) => Math.round((trainSize / p.value) * 1000)),
        fitMs: run.summary['perf/fit_ms'] ? Math.round(run.summary['perf/fit_ms'].last) : null,
        runS: run.finishedAt === null ? null : Math.round((run.finishedAt - run.createdAt) / 100) / 10,
      });
    }
    db.close();
    return figures;
  });
}

/**
 * Creates a notebook from `template` on the home page of the app at `baseUrl`, opens it with
 * `?backend=…&param.…`, presses Run all and waits for every cell; then reads the runs it stored.
 * A fresh browser context each time, so IndexedDB holds only this Run all's runs.
 */
export async function runTemplateInBrowser(options: { browser: Browser; baseUrl: string; template: BenchTemplate; backend: string; params: Record<string, number>; timeoutMs: number }): Promise<TemplateRunResult> {
  const { browser, baseUrl, template, backend, params, timeoutMs } = options;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    // tsx (esbuild, keepNames) wraps named functions in __name(): the page needs it to run them.
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    const url = await createFromTemplate(page, baseUrl, template.title);
    const query = new URLSearchParams({ backend, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`param.${k}`, String(v)])) });
    const started = Date.now();
    await page.goto(`${url}?${query}`);
    const kernelBackend = await waitForKernel(page, 180_000);
    await page.getByRole('button', { name: 'Run all' }).click();
    await waitForRunAll(page, timeoutMs);
    const wallS = Math.round((Date.now() - started) / 100) / 10;
    const failed = page.locator('[data-cell-type="code"][data-status="error"]');
    const cellErrors = await failed.evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').slice(-600)));
    return { kernelBackend, wallS, runs: await readStoredRuns(page), cellErrors };
  } finally {
    await context.close();
  }
}
