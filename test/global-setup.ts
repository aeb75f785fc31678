import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Before any test file loads: regenerate the editor's `bench` typings if lib/ changed since. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'scripts/gen-bench-dts.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
}
