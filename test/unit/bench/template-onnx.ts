import { expect } from 'vitest';
import type { BenchTemplate } from '@/lib/bench/templates/template';
import type { ExportReport } from '@/lib/onnx';
import type { OnnxChecker } from '../onnx/onnx-checker';
import { runTemplateInNode } from './template-kernel';

/**
 * A template's own network, trained briefly by its own cells in the Node kernel (cpu), exported
 * with `bench.export` (int8, verified by the exporter in onnxruntime-web on 16 validation
 * inputs), then the fp32 file run again in onnxruntime-node against tfjs's predictions, and both
 * files queued for the official ONNX checker. Shared by template-onnx(.slow).test.ts.
 */
interface Exported {
  bytes: Uint8Array;
  fp32Bytes: Uint8Array;
  report: ExportReport;
  x: { data: Float32Array | Int32Array; dims: number[]; dtype: string };
  y: { data: Float32Array; dims: number[] };
}

/** Runs in the template's kernel after its cells: `model` and `data` are the template's own. */
const EXPORT_CELL = `
const onnxSample = data.validation.x.slice(0, 16);
const onnxExport = await bench.export(model, { sample: { x: onnxSample }, verifySeconds: 10 });
const onnxReference = model.predict(onnxSample);
globalThis.__templateOnnx = {
  bytes: onnxExport.bytes, fp32Bytes: onnxExport.fp32Bytes, report: onnxExport.report,
  x: { data: await onnxSample.data(), dims: onnxSample.shape, dtype: onnxSample.dtype },
  y: { data: await onnxReference.data(), dims: onnxReference.shape },
};`;

/** Class scores in [0, 1]: fp32 ONNX vs tfjs, absolute. */
const FP32_TOLERANCE = 1e-4;

/** Runs the template, then EXPORT_CELL in its kernel; the kernel runs in this process, so globalThis carries the result out. */
export async function trainAndExport(template: BenchTemplate, params: Record<string, number | string>): Promise<Exported> {
  const session = await runTemplateInNode(template, params);
  const holder = globalThis as { __templateOnnx?: Exported };
  try {
    await session.run(EXPORT_CELL);
    return holder.__templateOnnx!;
  } finally {
    delete holder.__templateOnnx;
    session.kernel.dispose();
  }
}

/** The fp32 file in onnxruntime-node on the same inputs: max abs diff and top-1 agreement with tfjs. */
async function compareInOrtNode(e: Exported): Promise<{ maxAbsDiff: number; agreement: number }> {
  const { InferenceSession, Tensor } = await import('onnxruntime-node');
  const session = await InferenceSession.create(e.fp32Bytes);
  const input = new Tensor(e.x.dtype === 'int32' ? 'int32' : 'float32', e.x.data, e.x.dims);
  const out = (await session.run({ [session.inputNames[0]]: input }))[session.outputNames[0]].data as Float32Array;
  await session.release();
  expect(out.length).toBe(e.y.data.length);
  const classes = e.y.dims.at(-1)!;
  const top = (v: number[]) => (classes === 1 ? Number(v[0] > 0.5) : v.indexOf(Math.max(...v)));
  let maxAbsDiff = 0;
  let agree = 0;
  const rows = out.length / classes;
  for (let r = 0; r < rows; r++) {
    const a = Array.from(out.subarray(r * classes, (r + 1) * classes));
    const b = Array.from(e.y.data.subarray(r * classes, (r + 1) * classes));
    a.forEach((v, i) => (maxAbsDiff = Math.max(maxAbsDiff, Math.abs(v - b[i]))));
    if (top(a) === top(b)) agree++;
  }
  return { maxAbsDiff, agreement: agree / rows };
}

/** Trains, exports and checks one template; returns the exporter's report for further checks. */
export async function expectTemplateExports(options: { name: string; template: BenchTemplate; params: Record<string, number | string>; checker: OnnxChecker }): Promise<ExportReport> {
  const e = await trainAndExport(options.template, options.params);
  expect(e.report.passed, e.report.failures.join('; ')).toBe(true);
  const { maxAbsDiff, agreement } = await compareInOrtNode(e);
  expect(maxAbsDiff, 'fp32 ONNX (onnxruntime-node) vs tfjs').toBeLessThanOrEqual(FP32_TOLERANCE);
  expect(agreement, 'top-1 agreement').toBe(1);
  options.checker.add(`${options.name} fp32`, e.fp32Bytes);
  options.checker.add(`${options.name} int8`, e.bytes);
  return e.report;
}
