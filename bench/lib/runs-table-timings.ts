import type { Page } from 'playwright-core';

/**
 * What a person waits for on /runs, measured inside the page: from the input event (or the
 * navigation start) to the frame after the table's first row changed (a MutationObserver sees
 * the new row, then requestAnimationFrame + a task: the frame has been painted by then).
 */

const FIRST_ROW = '[data-testid="runs-grid"] tbody tr';

/** One measurement: to the paint, and to the end of the query response it waited for (the server's share plus the network). */
export interface Timing {
  totalMs: number;
  /** null when the repaint needed no request (rows already cached). */
  responseMs: number | null;
}

declare global {
  interface Window {
    __runsBench?: Promise<Timing>;
  }
}


/** Arms a watcher: resolves with ms from the next `eventType` (capture) to the paint after the first row changed. */
async function armRowChange(page: Page, eventType: 'keydown' | 'mousedown'): Promise<void> {
  await page.evaluate(
    ([selector, type]) => {
      window.__runsBench = new Promise<Timing>((resolve) => {
        const responseEnd = (t0: number) => {
          // The last /runs/query response that started after t0 (the app's CSP forbids eval, so this is written out twice).
          const ends = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/runs/query') && e.startTime >= t0).map((e) => (e as PerformanceResourceTiming).responseEnd);
          return ends.length ? Math.max(...ends) - t0 : null;
        };
        const first = () => document.querySelector(selector)?.getAttribute('data-run-id') ?? null;
        const before = first();
        let t0 = 0;
        document.addEventListener(type, (e) => (t0 = e.timeStamp), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (t0 === 0 || first() === before) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve({ totalMs: performance.now() - t0, responseMs: responseEnd(t0) })));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-run-id'] });
      });
    },
    [FIRST_ROW, eventType] as const,
  );
}

const result = (page: Page) => page.evaluate(() => window.__runsBench!);

/** Navigation start → the first rows painted (ms since the navigation began). */
export async function firstRowsMs(page: Page, url: string): Promise<Timing> {
  await page.addInitScript((selector) => {
    window.__runsBench = new Promise<Timing>((resolve) => {
      const responseEnd = (t0: number) => {
        // The last /runs/query response that started after t0 (the app's CSP forbids eval, so this is written out twice).
        const ends = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/runs/query') && e.startTime >= t0).map((e) => (e as PerformanceResourceTiming).responseEnd);
        return ends.length ? Math.max(...ends) - t0 : null;
      };
      const check = () => {
        if (!document.querySelector(selector)) return false;
        requestAnimationFrame(() => setTimeout(() => resolve({ totalMs: performance.now(), responseMs: responseEnd(0) })));
        return true;
      };
      const observer = new MutationObserver(() => check() && observer.disconnect());
      document.addEventListener('DOMContentLoaded', () => check() || observer.observe(document.body, { subtree: true, childList: true }));
    });
  }, FIRST_ROW);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__runsBench !== undefined);
  return result(page);
}

/** One key pressed in the (focused) filter box → the table repainted with the new first row. */
export async function keystrokeMs(page: Page, key: string): Promise<Timing> {
  await armRowChange(page, 'keydown');
  await page.keyboard.press(key);
  return result(page);
}

/** A click on a column header's sort button → the table repainted in the new order. */
export async function sortClickMs(page: Page, headerName: string): Promise<Timing> {
  await armRowChange(page, 'mousedown');
  await page.getByRole('columnheader', { name: headerName }).getByRole('button').click();
  return result(page);
}

/** Long tasks (≥ 50 ms, the browser's definition) while nobody touches the page for `ms`. */
export async function idleLongTasks(page: Page, ms: number): Promise<{ longestMs: number; count: number; totalMs: number }> {
  return page.evaluate(
    (windowMs) =>
      new Promise((resolve) => {
        const durations: number[] = [];
        const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => durations.push(e.duration)));
        observer.observe({ type: 'longtask' });
        setTimeout(() => {
          observer.disconnect();
          resolve({ longestMs: Math.round(Math.max(0, ...durations)), count: durations.length, totalMs: Math.round(durations.reduce((a, b) => a + b, 0)) });
        }, windowMs);
      }),
    ms,
  );
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: Math.round(sorted[Math.floor((sorted.length - 1) / 2)]), max: Math.round(sorted[sorted.length - 1]), all: values.map(Math.round) };
};

/** p50 / max of the totals, and of the response part where there was one. */
export function summarize(timings: Timing[]) {
  const responses = timings.map((t) => t.responseMs).filter((v): v is number => v !== null);
  return { n: timings.length, total: stats(timings.map((t) => t.totalMs)), response: responses.length ? stats(responses) : null };
}
