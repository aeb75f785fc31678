/**
 * npm run bench:templates — every template's Run all in Debian's Chromium on the production build
 * (`npm run build` first), on each tfjs backend, with a fixed small-but-meaningful setting per
 * template (SETTINGS below, passed as `?param.*`). Figures are read from the runs the notebook
 * stored (IndexedDB: summary and per-epoch perf/samples_per_s), not from the screen. One JSON
 * line per template × backend on stderr as it ends; all of them as one JSON array on stdout.
 *
 *   BENCH_TEMPLATES=spam-transformer,tabular   templates (default: all in SETTINGS)
 *   BENCH_BACKENDS=cpu,wasm                    backends (default: cpu,wasm,webgl,webgpu; webgpu is SwiftShader here)
 *   BENCH_OUT=/tmp/templates.jsonl             also append each line here; a rerun with the same file
 *                                              skips the cells it already holds without error (resume)
 *   BENCH_PARAMS=epochs=1                      override SETTINGS' params for every template (k=v,k=v), e.g. a
 *                                              one-epoch "does it train here" pass on SwiftShader's webgpu
 *   BENCH_PORT=3197  BENCH_CELL_TIMEOUT_S=1800  BENCH_URL=http://127.0.0.1:3000 (an app already running)
 *   npm run bench:templates -- --table         only print the README's markdown table of BENCH_OUT's lines
 *
 * Each line: template, backend asked, kernelBackend (what the kernel got), runs (per tracked run:
 * backend it trained on, epochs, valAccuracy, epochMs per epoch, msPerEpoch = their median, fitMs
 * for the forest), wallS (page load → every cell done, downloads included), load average
 * before/after. The machine is shared: read the figures as upper bounds at that load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { imageCnnTemplate } from '../lib/bench/templates/image-cnn';
import { mnistCnnTemplate } from '../lib/bench/templates/mnist-cnn';
import { mnistMlpTemplate } from '../lib/bench/templates/mnist-mlp';
import { spamTransformerTemplate } from '../lib/bench/templates/spam-transformer';
import { speechKwsTemplate } from '../lib/bench/templates/speech-kws';
import { tabularTemplate } from '../lib/bench/templates/tabular';
import type { BenchTemplate } from '../lib/bench/templates/template';
import { startAppServer, type AppServer } from '../test/e2e/app-server';
import { launchChromium } from '../test/e2e/browser';
import { runTemplateInBrowser, type StoredRunFigures } from './lib/template-run-browser';
import { templatesTable, type TemplateLine } from './lib/templates-table';

/** Per template: `?param.*` overrides, small enough for a 2-core machine, large enough to learn. */
const SETTINGS: { template: BenchTemplate; params: Record<string, number> }[] = [
  { template: spamTransformerTemplate, params: { trainSize: 1000, epochs: 2, vocab: 500, seqLen: 32, watchEvery: 50 } },
  { template: speechKwsTemplate, params: { epochs: 15 } },
  { template: imageCnnTemplate, params: { epochs: 12 } },
  { template: tabularTemplate, params: { epochs: 40, trees: 50 } },
  { template: mnistMlpTemplate, params: { epochs: 3, trainSize: 4000, testSize: 1000 } },
  { template: mnistCnnTemplate, params: { epochs: 2, trainSize: 2000, testSize: 500 } },
];

const list = (value: string | undefined, all: string[]) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : all);
const TEMPLATES = list(process.env.BENCH_TEMPLATES, SETTINGS.map((s) => s.template.id));
const BACKENDS = list(process.env.BENCH_BACKENDS, ['cpu', 'wasm', 'webgl', 'webgpu']);
const OUT = process.env.BENCH_OUT;
const OVERRIDES: Record<string, number> = Object.fromEntries(
  list(process.env.BENCH_PARAMS, []).map((kv) => {
    const [k, v] = kv.split('=');
    if (!k || v === undefined || !Number.isFinite(Number(v))) throw new Error(`BENCH_PARAMS: "${kv}" is not key=number`);
    return [k.trim(), Number(v)];
  }),
);
const PORT = Number(process.env.BENCH_PORT ?? 3197);
const CELL_TIMEOUT_MS = Number(process.env.BENCH_CELL_TIMEOUT_S ?? 1800) * 1000;

const unknown = TEMPLATES.filter((id) => !SETTINGS.some((s) => s.template.id === id));
if (unknown.length) throw new Error(`BENCH_TEMPLATES: unknown ${unknown.join(', ')}; known: ${SETTINGS.map((s) => s.template.id).join(', ')}`);

const load = () => Number(os.loadavg()[0].toFixed(2));
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

/** Every line BENCH_OUT holds so far. */
function linesSoFar(): TemplateLine[] {
  if (!OUT || !fs.existsSync(OUT)) return [];
  return fs.readFileSync(OUT, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as TemplateLine);
}

/** Cells already measured without error in BENCH_OUT, as `template/backend`. */
function measuredBefore(): Set<string> {
  return new Set(linesSoFar().filter((r) => !r.error).map((r) => `${r.template}/${r.backend}`));
}

function emit(line: Record<string, unknown>): void {
  const text = JSON.stringify(line);
  process.stderr.write(`${text}\n`);
  if (OUT) fs.appendFileSync(OUT, `${text}\n`);
}

function summarize(run: StoredRunFigures) {
  return { ...run, msPerEpoch: median(run.epochMs) };
}

async function main(): Promise<void> {
  const done = measuredBefore();
  if (OUT) fs.mkdirSync(path.dirname(path.resolve(OUT)), { recursive: true });
  let server: AppServer | null = null;
  const baseUrl = process.env.BENCH_URL ?? (server = await startAppServer({ port: PORT, env: { BENCHTOP_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'benchtop-templates-')) } })).url;
  const browser = await launchChromium();
  const results: Record<string, unknown>[] = [];
  try {
    for (const id of TEMPLATES) {
      const setting = SETTINGS.find((s) => s.template.id === id)!;
      const { template } = setting;
      const params = { ...setting.params, ...OVERRIDES };
      for (const backend of BACKENDS) {
        if (done.has(`${id}/${backend}`)) continue;
        const base = { template: id, backend, params, date: new Date().toISOString(), loadBefore: load() };
        let line: Record<string, unknown>;
        try {
          const r = await runTemplateInBrowser({ browser, baseUrl, template, backend, params, timeoutMs: CELL_TIMEOUT_MS });
          line = { ...base, kernelBackend: r.kernelBackend, wallS: r.wallS, runs: r.runs.map(summarize), loadAfter: load(), ...(r.cellErrors.length ? { error: r.cellErrors.join(' | ') } : {}) };
        } catch (error) {
          line = { ...base, loadAfter: load(), error: String(error).slice(0, 2000) };
        }
        emit(line);
        results.push(line);
      }
    }
  } finally {
    await browser.close();
    server?.stop();
  }
  console.log(JSON.stringify(results, null, 1));
  console.log(templatesTable(OUT ? linesSoFar() : (results as unknown as TemplateLine[])));
}

if (process.argv.includes('--table')) console.log(templatesTable(linesSoFar()));
else void main();
