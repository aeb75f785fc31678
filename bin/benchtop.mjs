#!/usr/bin/env node
// `npx benchtop …`: runs the TypeScript command line through tsx's ESM loader (no build step).
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../lib/onnx/cli.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
