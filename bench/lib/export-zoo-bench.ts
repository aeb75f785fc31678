import * as ort from 'onnxruntime-web';
import { exportAndVerify, type ExportReport, type QuantizeMode } from '../../lib/onnx';
import { ZOO, zooImages } from './onnx-zoo';

/**
 * bench:export's zoo part: each published model (bench/lib/onnx-zoo.ts) exported fp32 + int8,
 * fp16, and for the super-resolution nets int8-static (calibrated on other images), verified on
 * seeded smooth images against tfjs on the wasm backend. Times are wall clock and this process's
 * CPU time (the machine is shared: wall time depends on the load, CPU time much less).
 */
const SAMPLES = 16;

function seconds(t0: number, cpu0: NodeJS.CpuUsage): { wallS: number; cpuS: number } {
  const cpu = process.cpuUsage(cpu0);
  return { wallS: Number(((performance.now() - t0) / 1000).toFixed(1)), cpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)) };
}

function figures(report: ExportReport) {
  const q = report.models.at(-1)!;
  return {
    sizeBytes: q.sizeBytes,
    sizeRatio: report.sizeRatio === null ? null : Number(report.sizeRatio.toFixed(4)),
    top1Agreement: q.top1Agreement,
    psnrDb: q.psnrDb === null ? null : Number(q.psnrDb.toFixed(1)),
    maxAbsDiff: Number(q.maxAbsDiff.toPrecision(3)),
    ortWasmMsPerBatch: Number(q.latencyMsPerBatch.wasm.toFixed(1)),
    passed: report.passed,
    failures: report.failures,
  };
}

export async function benchZoo(log: (s: string) => void) {
  const results = [];
  for (const spec of ZOO) {
    const modes: QuantizeMode[] = spec.kind === 'image-to-image' ? ['int8', 'int8-static', 'fp16'] : ['int8', 'fp16'];
    const x = zooImages(spec, SAMPLES, 1);
    const calibration = zooImages(spec, SAMPLES, 2);
    const row: Record<string, unknown> = { model: spec.name, source: spec.source, kind: spec.kind, inputShape: spec.inputShape };
    for (const quantize of modes) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const model = await spec.load();
      const { report } = await exportAndVerify(model, { quantize, calibration: quantize === 'int8-static' ? calibration : undefined, sample: { x }, ort, runId: `bench-${spec.name}` });
      const time = seconds(t0, cpu0);
      model.dispose();
      log(`bench:export zoo ${spec.name} ${quantize}: ${time.wallS} s wall, ${time.cpuS} s CPU, passed ${report.passed}`);
      if (quantize === 'int8') {
        const fp32 = report.models[0];
        row.fp32 = { sizeBytes: fp32.sizeBytes, maxAbsDiff: Number(fp32.maxAbsDiff.toPrecision(3)), top1Agreement: fp32.top1Agreement, psnrDb: fp32.psnrDb === null ? null : Number(fp32.psnrDb.toFixed(1)) };
        row.tfjs = { backend: report.tfjs.backend, msPerSample: Number(report.plan.msPerSample.tfjs.toFixed(1)) };
        row.sample = { count: report.sample.count, batchSize: report.sample.batchSize, repeats: report.plan.repeats };
      }
      row[quantize] = { ...figures(report), exportAndVerify: time };
    }
    x.dispose();
    calibration.dispose();
    results.push(row);
  }
  return results;
}
