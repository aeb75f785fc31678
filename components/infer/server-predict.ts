import { modelsApi } from '@/lib/serving/client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import type { FeedValue, LoadedModel, RunResult } from './ort-session';

/**
 * The same feeds as runRepeated, sent to POST /models/:name/:version/predict instead: one
 * warm-up request, then `repeats` timed ones (wall time in this browser, network included).
 */
export async function predictRepeated(opts: { conn: ServerConnection; name: string; version: number; model: LoadedModel; inputs: FeedValue[]; repeats: number }): Promise<RunResult> {
  const { conn, name, version, model, inputs, repeats } = opts;
  const body = Object.fromEntries(model.inputs.map((spec, i) => [spec.name, { dims: inputs[i].dims, data: Array.from(inputs[i].data) }]));
  let last = await modelsApi.predict(conn, name, version, body);
  const timesMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    last = await modelsApi.predict(conn, name, version, body);
    timesMs.push(performance.now() - t0);
  }
  const out = last.outputs[model.outputNames[0]] ?? Object.values(last.outputs)[0];
  return { output: Float32Array.from(out.data), outputDims: out.dims, timesMs };
}
