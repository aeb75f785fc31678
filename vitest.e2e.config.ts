import { defineConfig } from 'vitest/config';
import path from 'node:path';

/** End-to-end tests: a production build of the app, served on loopback, driven by Debian's Chromium. */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // Whole-template runs that take many minutes on 2 cores run only in `npm run test:slow` (README).
    exclude: process.env.BENCHTOP_SLOW_TESTS ? [] : ['**/*.slow.e2e.ts', '**/node_modules/**'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 240_000,
    // expect.poll gives up after 1 s by default: too short for a React update in Chromium on a
    // loaded 2-core machine (a test that passed idle failed under CI's load). A poll that passes
    // still returns at once; only a failing one waits longer.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 600_000,
    // One Chromium at a time: the machine has 2 cores and SwiftShader WebGPU is CPU-bound.
    fileParallelism: false,
    pool: 'forks',
    maxWorkers: 1,
    // One retry: a real browser on a loaded 2-core machine occasionally loses a race in a test's
    // own timing (two such test-side races were found and fixed on 2026-12-06). A retried test
    // is printed as such by vitest, so flakiness stays visible instead of failing a whole CI run.
    retry: 1,
  },
});
