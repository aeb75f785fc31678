import { z } from 'zod';
import type { MetricsRepo, RawPoint } from '../../repos/metrics';
import type { MlflowEndpoint } from '../endpoint';
import { invalidParameter } from '../errors';
import { toWireNumber } from '@/lib/track/wire-number';
import { int64, parseRequest, stringList } from '../wire';
import { runOf } from './runs';

/** MLflow's limits (mlflow/server/handlers.py). */
export const BULK_INTERVAL_LIMITS = { runs: 100, maxResultsPerRun: 2500, pointsPerRun: 25_000 } as const;
const READ_CHUNK = 5_000;

/** Every point of one series in (step, timestamp) order, read a chunk at a time. */
async function* pointsOf(metrics: MetricsRepo, runId: string, key: string): AsyncGenerator<RawPoint> {
  let after: { step: number; timeMs: number } | undefined;
  for (;;) {
    const rows = await metrics.page(runId, key, { after, limit: READ_CHUNK });
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < READ_CHUNK || !last) return;
    after = { step: last.step, timeMs: last.timeMs };
  }
}

/**
 * MLflow's step sampling (`_get_sampled_steps_from_steps`): at most `maxResults` steps spread
 * evenly over the sorted distinct steps in [start, end], plus the last one in range.
 */
export function sampleSteps(start: number, end: number, maxResults: number, allSteps: readonly number[]): Set<number> {
  const lo = allSteps.findIndex((s) => s >= start);
  const startIdx = lo === -1 ? allSteps.length : lo;
  let endIdx = allSteps.length;
  while (endIdx > 0 && allSteps[endIdx - 1] > end) endIdx--;
  if (endIdx - startIdx <= maxResults) return new Set(allSteps.slice(startIdx, endIdx));
  const count = endIdx - startIdx;
  const interval = count / maxResults;
  const out = new Set<number>();
  for (let i = 0; i < maxResults; i++) {
    const idx = startIdx + Math.floor(i * interval);
    // MLflow compares the absolute index with the count (not with endIdx); kept for equal answers.
    if (idx < count) out.add(allSteps[idx]);
  }
  out.add(allSteps[endIdx - 1]);
  return out;
}

/**
 * `metrics/get-history-bulk-interval`: one metric of up to 100 runs, sampled at the same steps
 * for every run (what MLflow's UI charts compare runs with); each run's first and last step
 * in range are always kept.
 */
export const metricBulkEndpoints: MlflowEndpoint[] = [
  {
    path: 'metrics/get-history-bulk-interval',
    methods: ['GET'],
    async handle(ctx) {
      const req = parseRequest(
        z.object({ run_ids: stringList, metric_key: z.string(), start_step: int64.optional(), end_step: int64.optional(), max_results: int64.optional() }),
        ctx.input,
      );
      if (req.run_ids.length === 0) throw invalidParameter("Missing value for required parameter 'run_ids'. See the API docs for more information about request parameters.");
      if (req.run_ids.length > BULK_INTERVAL_LIMITS.runs) {
        throw invalidParameter(`GetMetricHistoryBulkInterval request must specify at most ${BULK_INTERVAL_LIMITS.runs} run_ids. Received ${req.run_ids.length} run_ids.`);
      }
      const maxResults = req.max_results ?? BULK_INTERVAL_LIMITS.maxResultsPerRun;
      if (maxResults < 1 || maxResults > BULK_INTERVAL_LIMITS.maxResultsPerRun) throw invalidParameter(`max_results must be between 1 and ${BULK_INTERVAL_LIMITS.maxResultsPerRun}.`);
      if ((req.start_step === undefined) !== (req.end_step === undefined)) throw invalidParameter('If either start step or end step are specified, both must be specified.');
      if (req.start_step !== undefined && req.end_step !== undefined && req.start_step > req.end_step) {
        throw invalidParameter(`end_step must be greater than start_step. Found start_step=${req.start_step} and end_step=${req.end_step}.`);
      }
      const runs = await Promise.all(req.run_ids.map((id) => runOf(ctx, id)));
      const metrics = ctx.services.metrics;

      // Pass 1: the distinct steps of every run, and each run's first and last.
      const perRun: number[][] = [];
      for (const run of runs) {
        const steps: number[] = [];
        for await (const p of pointsOf(metrics, run.id, req.metric_key)) if (steps.at(-1) !== p.step) steps.push(p.step);
        perRun.push(steps);
      }
      const allSteps = [...new Set(perRun.flat())].sort((a, b) => a - b);
      const start = req.start_step ?? 0;
      const end = req.end_step ?? allSteps.at(-1) ?? 0;
      const wanted = sampleSteps(start, end, maxResults, allSteps);
      for (const steps of perRun) for (const s of [steps[0], steps.at(-1)]) if (s !== undefined && s >= start && s <= end) wanted.add(s);

      // Pass 2: the points at those steps, per run in the order asked.
      const out: object[] = [];
      for (const run of runs) {
        let kept = 0;
        for await (const p of pointsOf(metrics, run.id, req.metric_key)) {
          if (!wanted.has(p.step)) continue;
          out.push({ key: req.metric_key, value: toWireNumber(p.value ?? Number.NaN), timestamp: p.timeMs, step: p.step, run_id: run.id });
          if (++kept >= BULK_INTERVAL_LIMITS.pointsPerRun) break;
        }
      }
      return out.length ? { metrics: out } : {};
    },
  },
];
