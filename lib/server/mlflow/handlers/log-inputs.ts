import { z } from 'zod';
import type { MlflowEndpoint } from '../endpoint';
import { invalidParameter } from '../errors';
import { requireWritable } from '../validate';
import { KeyValue, parseRequest, RunRef, runIdOf } from '../wire';
import { runOf } from './runs';

/** MLflow's dataset limits (mlflow/utils/validation.py), and at most this many inputs per call. */
export const LOG_INPUTS_LIMITS = { datasets: 1000, name: 500, digest: 36, sourceType: 500, source: 65_535, schema: 1_048_575, profile: 16_384, tagKey: 255, tagValue: 500, bodyBytes: 4_000_000 } as const;

const Dataset = z.object({ name: z.string(), digest: z.string(), source_type: z.string(), source: z.string(), schema: z.string().optional(), profile: z.string().optional() });
const DatasetInputIn = z.object({ tags: z.array(KeyValue).optional(), dataset: Dataset });

function limit(what: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) throw invalidParameter(`${what} is ${value.length} characters; the limit is ${max}.`);
}

/**
 * `runs/log-inputs` (`mlflow.log_input(dataset, context="training")`): the datasets a run used,
 * shown in runs/get and runs/search (`inputs.dataset_inputs`) and searchable with
 * `datasets.name`, `datasets.digest` and `datasets.context`.
 */
export const logInputsEndpoints: MlflowEndpoint[] = [
  {
    path: 'runs/log-inputs',
    methods: ['POST'],
    maxBodyBytes: LOG_INPUTS_LIMITS.bodyBytes,
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, datasets: z.array(DatasetInputIn).optional() }), ctx.input);
      const datasets = req.datasets ?? [];
      if (datasets.length > LOG_INPUTS_LIMITS.datasets) throw invalidParameter(`A log-inputs request can contain at most ${LOG_INPUTS_LIMITS.datasets} datasets. Got ${datasets.length}.`);
      for (const [i, { dataset: d, tags }] of datasets.entries()) {
        if (d.name === '') throw invalidParameter(`Invalid value for parameter 'datasets[${i}].dataset.name' supplied: it must not be empty.`);
        if (d.digest === '') throw invalidParameter(`Invalid value for parameter 'datasets[${i}].dataset.digest' supplied: it must not be empty.`);
        limit(`Dataset name of datasets[${i}]`, d.name, LOG_INPUTS_LIMITS.name);
        limit(`Dataset digest of datasets[${i}]`, d.digest, LOG_INPUTS_LIMITS.digest);
        limit(`Dataset source type of datasets[${i}]`, d.source_type, LOG_INPUTS_LIMITS.sourceType);
        limit(`Dataset source of datasets[${i}]`, d.source, LOG_INPUTS_LIMITS.source);
        limit(`Dataset schema of datasets[${i}]`, d.schema, LOG_INPUTS_LIMITS.schema);
        limit(`Dataset profile of datasets[${i}]`, d.profile, LOG_INPUTS_LIMITS.profile);
        for (const t of tags ?? []) {
          if (t.key === '') throw invalidParameter(`Invalid value for parameter 'datasets[${i}].tags.key' supplied: it must not be empty.`);
          limit(`Input tag key of datasets[${i}]`, t.key, LOG_INPUTS_LIMITS.tagKey);
          limit(`Input tag value of datasets[${i}]`, t.value, LOG_INPUTS_LIMITS.tagValue);
        }
      }
      const record = await runOf(ctx, runIdOf(req));
      requireWritable(record);
      await ctx.repos.inputs.log(
        record.id,
        datasets.map((d) => ({ dataset: d.dataset, tags: Object.fromEntries((d.tags ?? []).map((t) => [t.key, t.value])) })),
        ctx.nowMs,
      );
      return {};
    },
  },
];
