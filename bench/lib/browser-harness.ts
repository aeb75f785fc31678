import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the real kernel worker plus a page script with esbuild, serves them on 127.0.0.1
 * (random port, with tfjs's wasm files under /tfjs-wasm/) and opens them in headless Debian
 * Chromium with the flags that enable WebGPU on SwiftShader (DESIGN.md).
 */
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
];

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };
const PAGE = '<!doctype html><meta charset="utf-8"><title>benchtop bench</title><script type="module" src="/page.js"></script>';

async function bundle(outdir: string, pageEntry: string): Promise<void> {
  await build({
    entryPoints: { 'kernel.worker': join(root, 'lib/worker/kernel.worker.ts'), page: join(root, pageEntry) },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
    alias: { '@': root },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
}

function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = path.startsWith('/tfjs-wasm/') ? join(wasmDir, path.slice('/tfjs-wasm/'.length)) : join(dir, path);
    try {
      if (!file.startsWith(dir) && !file.startsWith(wasmDir)) throw new Error('outside the served folders');
      await stat(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

/** Runs `body` with a page that has loaded `pageEntry` (a path from the repo root); cleans up after. */
export async function withKernelPage<T>(pageEntry: string, globalName: string, body: (page: Page) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'benchtop-bench-'));
  const { server, origin } = await serve(dir);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await bundle(dir, pageEntry);
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(origin);
    await page.waitForFunction((name) => name in globalThis, globalName);
    return await body(page);
  } finally {
    await browser.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
