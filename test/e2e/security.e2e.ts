import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { drawOneAndPredict } from './infer-page';
import { createFromTemplate, runSection, waitForKernel, waitForRunEnd } from './notebook-page';

const baseUrl = inject('baseUrl');

/**
 * The production build's security headers, and proof in Chromium that its Content-Security-Policy
 * blocks nothing the app needs: a template trains (Monaco, the kernel worker), the kernel starts
 * on wasm and WebGPU, a run exports to ONNX and runs on /infer (onnxruntime-web wasm), /runs and
 * a share link render; no CSP violation is reported anywhere on the way.
 */
describe('security headers and CSP (production build)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ webgpu: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pages and API answers carry the headers; no X-Powered-By', async () => {
    const [a, b] = await Promise.all([fetch(`${baseUrl}/`), fetch(`${baseUrl}/runs`)]);
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic' 'wasm-unsafe-eval'(;|$)/);
      expect(csp).not.toMatch(/'unsafe-eval'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const nonce = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1];
    expect(nonce(a)).not.toBe(nonce(b)); // fresh per response
    // Next's inline scripts carry that nonce.
    const html = await (await fetch(`${baseUrl}/`)).text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toMatch(/nonce="[^"]+"/);

    const api = await fetch(`${baseUrl}/api/v1/health`, { headers: { origin: 'https://elsewhere.example' } });
    expect(api.status).toBe(200);
    expect(api.headers.get('access-control-allow-origin')).toBe('*'); // the API keeps its CORS
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(api.headers.get('x-powered-by')).toBeNull();
  });

  it('trains a template, exports and runs ONNX, lists runs and opens a share link with zero CSP violations', { timeout: 600_000 }, async () => {
    const context = await browser.newContext();
    const violations = await watchCsp(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    const url = await createFromTemplate(page, baseUrl, 'MNIST MLP');
    await page.goto(`${url}?backend=cpu&param.epochs=1&param.trainSize=512&param.testSize=128`);
    expect(await waitForKernel(page)).toBe('cpu');
    await page.getByRole('button', { name: 'Run all' }).click();
    expect(await waitForRunEnd(page, 300_000)).toBe('finished');
    const runHref = (await runSection(page).locator('a').first().getAttribute('href'))!;
    expect(runHref).toMatch(/^\/runs\//);

    // The kernel compiles tfjs's WebAssembly (threads from blob: workers), and starts WebGPU (SwiftShader here).
    for (const backend of ['wasm', 'webgpu']) {
      await page.goto(`${url}?backend=${backend}`);
      expect(await waitForKernel(page)).toBe(backend);
    }

    await page.goto(`${baseUrl}${runHref}`);
    await page.getByRole('button', { name: 'Export ONNX' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export ONNX' });
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.getByTestId('onnx-export-agreement').waitFor({ timeout: 240_000 });
    await dialog.getByRole('link', { name: 'Open in inference' }).click();
    await page.waitForURL(/\/infer\?artifact=/, { timeout: 60_000 });
    expect(await drawOneAndPredict(page)).toMatch(/^\d$/);

    await page.goto(`${baseUrl}/runs`);
    await page.locator(`table tbody tr a[href="${runHref}"]`).first().waitFor({ timeout: 60_000 });

    // A share link (made through the API from loopback: trusted local use via the app server).
    const runId = decodeURIComponent(runHref.slice('/runs/'.length));
    const token = await shareAfterSync(runId);
    const shared = await page.goto(`${baseUrl}/share/${token}`);
    expect(shared?.status()).toBe(200);
    await page.getByTestId('run-chart').first().waitFor({ timeout: 60_000 });

    await settle(page);
    expect(violations, violations.join('\n')).toEqual([]);
    expect(errors, errors.join('\n')).toEqual([]);
    expect(await page.getByText('The code was not shared with this link.').count()).toBe(1);

    // Deleting the run kills the link: the page answers 404 too.
    expect((await fetch(`${baseUrl}/api/v1/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' })).status).toBe(204);
    expect((await page.goto(`${baseUrl}/share/${token}`))?.status()).toBe(404);
    await context.close();
  });
});

/**
 * Every CSP violation in the context's pages: the `securitypolicyviolation` event (reported via
 * console) and Chromium's own "Refused to …" console messages. Workers log to the page's console.
 */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('console', (msg) => {
    const text = msg.text();
    if (/CSP violation|Content Security Policy|Refused to (load|execute|compile|evaluate|create|connect|apply|frame)/i.test(text)) violations.push(`${msg.location().url}: ${text}`);
  });
  return violations;
}

/** Waits until the run reached the server (the outbox syncs in the background), then shares it. */
async function shareAfterSync(runId: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while ((await fetch(`${baseUrl}/api/v1/runs/${encodeURIComponent(runId)}`)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`run ${runId} never reached the server`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const res = await fetch(`${baseUrl}/api/v1/runs/${encodeURIComponent(runId)}/shares`, { method: 'POST' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { share: { token: string } }).share.token;
}

/** Lets late violation reports (fired after a navigation's last request) arrive. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(1000);
}
