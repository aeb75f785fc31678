import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Flags measured in DESIGN.md: WebGPU runs on SwiftShader only with --enable-unsafe-webgpu. */
const baseArgs = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface LaunchOptions {
  /** Without WebGPU, `navigator.gpu.requestAdapter()` is null: the fallback path. */
  webgpu?: boolean;
  /** More Chromium flags, e.g. a fake camera and microphone for the capture tests. */
  args?: string[];
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const args = [...(options.webgpu === false ? baseArgs : [...baseArgs, '--enable-unsafe-webgpu']), ...(options.args ?? [])];
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
}

/**
 * A context for an app server started with `https: true` (test/e2e/app-server.ts): it accepts
 * that server's self-signed certificate, as a student does by clicking through the warning once,
 * and its pages are secure contexts (WebGPU, crypto.subtle) even on a LAN address.
 */
export function secureContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ...options, ignoreHTTPSErrors: true });
}

/** A page that records uncaught page errors and console errors, so tests can assert on them. */
export async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}
