import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Before any test file loads: regenerate the editor's `bench` typings if their sources changed,
 * and rebuild the command line (dist/cli.mjs, half a second) that the CLI test runs.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/gen-bench-dts.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { cwd: root, stdio: 'inherit' });
}
