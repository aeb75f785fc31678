#!/usr/bin/env node
// Builds the command line (`npx benchtop …`, lib/onnx/cli.ts) to plain JS in dist/cli.mjs with
// esbuild, so running it needs no TypeScript loader (tsx is a devDependency). Runs at
// postinstall and prebuild. Packages stay imports (resolved from node_modules at run time).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist/cli.mjs');
await build({
  entryPoints: [path.join(root, 'lib/onnx/cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  tsconfig: path.join(root, 'tsconfig.json'),
  logLevel: 'warning',
});
console.log(`build-cli: ${path.relative(root, outfile)}`);
