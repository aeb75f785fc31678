import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
    // Template training tests that take minutes on 2 cores run only in `npm run test:slow` (README).
    exclude: process.env.BENCHTOP_SLOW_TESTS ? [] : ['**/*.slow.test.ts', '**/node_modules/**'],
    environment: 'node',
    // Regenerates lib/bench/typings.generated.ts when lib/ changed (the typings tests read it).
    globalSetup: ['test/global-setup.ts'],
    // One fast-check seed under CI (test/fast-check-seed.ts).
    setupFiles: ['test/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
