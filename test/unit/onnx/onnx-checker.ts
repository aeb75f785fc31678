import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The official ONNX checker on files the tests export: `onnx.checker.check_model(m,
 * full_check=True)` and `onnx.shape_inference.infer_shapes(m, strict_mode=True)`, run by Debian's
 * python3-onnx (`.ci/run` installs it). Python starts slowly (~0.5 s with onnx), so a test file
 * collects its files with `add` and checks them all in ONE python process with `run`, typically
 * from a last `it` after the cases:
 *
 *   const checker = new OnnxChecker();
 *   it.each(cases)('%s', async () => { …; checker.add('dense fp32', bytes); });
 *   it('every exported file passes the ONNX checker', async () => expect(await checker.run()).toEqual([]));
 */
export const PYTHON = process.env.ONNX_CHECKER_PYTHON ?? '/usr/bin/python3';

const SCRIPT = `
import json, sys, onnx
for line in sys.stdin:
    name, file = json.loads(line)
    try:
        m = onnx.load(file)
        onnx.checker.check_model(m, full_check=True)
        onnx.shape_inference.infer_shapes(m, strict_mode=True)
        print(json.dumps([name, None]))
    except Exception as e:
        print(json.dumps([name, type(e).__name__ + ': ' + str(e).strip()[:2000]]))
`;

/** A file the checker refused: the name given to `add` and the checker's message. */
export interface CheckerFailure {
  name: string;
  error: string;
}

export class OnnxChecker {
  private readonly files: [name: string, file: string][] = [];
  private dir: string | null = null;

  /** Queues `bytes` under `name` (shown in failures). */
  add(name: string, bytes: Uint8Array): void {
    this.dir ??= mkdtempSync(path.join(tmpdir(), 'onnx-check-'));
    const file = path.join(this.dir, `${this.files.length}.onnx`);
    writeFileSync(file, bytes);
    this.files.push([name, file]);
  }

  get count(): number {
    return this.files.length;
  }

  /**
   * Checks every queued file in one python process; resolves to the failures (empty when all
   * pass). Throws when nothing was queued (a check of nothing proves nothing) or python/onnx is
   * missing, so a machine without the checker cannot pass silently.
   */
  async run(): Promise<CheckerFailure[]> {
    if (this.files.length === 0) throw new Error('OnnxChecker.run: no files were added');
    const input = this.files.map((f) => JSON.stringify(f)).join('\n') + '\n';
    try {
      const stdout = await runPython(input);
      const results = stdout
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as [string, string | null]);
      if (results.length !== this.files.length) throw new Error(`checker answered for ${results.length} of ${this.files.length} files:\n${stdout}`);
      return results.filter(([, error]) => error !== null).map(([name, error]) => ({ name, error: error! }));
    } finally {
      if (this.dir) rmSync(this.dir, { recursive: true, force: true });
      this.dir = null;
      this.files.length = 0;
    }
  }
}

async function runPython(input: string): Promise<string> {
  const child = promisify(execFile)(PYTHON, ['-c', SCRIPT], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin!.end(input);
  try {
    return (await child).stdout;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(`${PYTHON} could not run the ONNX checker (install Debian's python3-onnx: apt-get install python3-onnx): ${stderr || String(e)}`);
  }
}
