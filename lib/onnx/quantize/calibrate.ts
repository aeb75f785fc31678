import type { GraphDef } from '../onnx-ir';
import { DataType } from '../onnx-ir';
import { modelDef } from '../model-def';
import { createSession, runBatch, type InputBatch, type Ort } from '../ort-runtime';
import { encodeModel } from '../protobuf-writer';
import type { ValueRange } from './activations-int8';

/**
 * 'minmax' uses the full observed range; 'percentile' clips outliers to the given percentile
 * (default 99.99), trading rare saturation for finer steps.
 */
export type CalibrationMethod = 'minmax' | 'percentile';

/** Values kept per tapped activation for the percentile method. */
const PERCENTILE_SAMPLE_LIMIT = 1 << 20;

function quantile(sorted: Float32Array, q: number): number {
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[idx];
}

/**
 * Runs the float graph in onnxruntime with the tapped activations exposed as outputs and
 * records their ranges over the calibration batches.
 */
export async function calibrateRanges(opts: {
  ort: Ort;
  graph: GraphDef;
  taps: string[];
  batches: InputBatch[][];
  method?: CalibrationMethod;
  percentile?: number;
  /** Called after each batch with its row count (progress). */
  onBatch?: (rows: number) => void;
}): Promise<Map<string, ValueRange>> {
  const { ort, graph, taps, batches } = opts;
  const method = opts.method ?? 'minmax';
  if (batches.length === 0) throw new Error('int8-static: the calibration sample is empty');
  const tapped: GraphDef = { ...graph, outputs: taps.map((name) => ({ name, elemType: DataType.FLOAT })) };
  const session = await createSession(ort, encodeModel(modelDef(tapped)));
  const ranges = taps.map(() => ({ min: Infinity, max: -Infinity }));
  const samples: Float32Array[][] = taps.map(() => []);
  try {
    for (const batch of batches) {
      const outputs = await runBatch(ort, session, batch, taps);
      outputs.forEach((values, i) => {
        for (const v of values) {
          if (v < ranges[i].min) ranges[i].min = v;
          if (v > ranges[i].max) ranges[i].max = v;
        }
        if (method === 'percentile') {
          const stride = Math.max(1, Math.ceil((values.length * batches.length) / PERCENTILE_SAMPLE_LIMIT));
          samples[i].push(values.filter((_, j) => j % stride === 0));
        }
      });
      opts.onBatch?.(batch[0].dims[0]);
    }
  } finally {
    await session.release();
  }
  const p = (opts.percentile ?? 99.99) / 100;
  return new Map(
    taps.map((name, i) => {
      if (method === 'minmax') return [name, ranges[i]];
      const all = new Float32Array(samples[i].reduce((n, s) => n + s.length, 0));
      let offset = 0;
      for (const s of samples[i]) {
        all.set(s, offset);
        offset += s.length;
      }
      all.sort();
      return [name, { min: quantile(all, 1 - p), max: quantile(all, p) }];
    }),
  );
}
