import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../lib/server/db/schema';
import { paramColumns } from '../../lib/server/run-query/index-run';
import { listParams } from '../../lib/track/run-list';
import { createRng } from '../../lib/data/rng';

/** What bench:runs seeds per run: 20 params, 10 summary metrics, tags, and (for the first `historyRuns`) 100-point histories. */
export const SEED_SHAPE = { params: 20, metrics: 10, historyPoints: 100 } as const;

const METRICS = ['loss', 'acc', 'val/loss', 'val/acc', 'f1', 'precision', 'recall', 'grad_norm', 'epoch_time', 'lr_final'];
const OPTIMIZERS = ['adam', 'sgd', 'adamw', 'rmsprop'];
const STATUSES = ['finished', 'finished', 'finished', 'failed', 'running', 'crashed', 'stopped'];
const BASE_MS = 1_700_000_000_000;

function configOf(i: number, r: () => number): Record<string, unknown> {
  return {
    lr: [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003][Math.floor(r() * 6)],
    batch_size: [16, 32, 64, 128, 256][Math.floor(r() * 5)],
    optimizer: OPTIMIZERS[Math.floor(r() * 4)],
    dropout: Math.round(r() * 50) / 100,
    layers: 1 + Math.floor(r() * 8),
    width: [64, 128, 256, 512][Math.floor(r() * 4)],
    seed: i,
    momentum: Math.round(r() * 100) / 100,
    weight_decay: [0, 1e-5, 1e-4, 1e-3][Math.floor(r() * 4)],
    warmup_steps: Math.floor(r() * 1000),
    epochs: 1 + Math.floor(r() * 50),
    activation: ['relu', 'gelu', 'tanh'][Math.floor(r() * 3)],
    dataset: ['mnist', 'cifar10', 'spirals'][Math.floor(r() * 3)],
    augment: r() < 0.5,
    label_smoothing: Math.round(r() * 20) / 100,
    scheduler: ['cosine', 'step', 'none'][Math.floor(r() * 3)],
    grad_clip: [0, 0.5, 1, 5][Math.floor(r() * 4)],
    init: ['he', 'xavier'][Math.floor(r() * 2)],
    precision: ['fp32', 'fp16'][Math.floor(r() * 2)],
    model: { name: ['mlp', 'cnn', 'resnet18'][Math.floor(r() * 3)] },
  };
}

/** Seeds `count` runs with direct batched INSERTs (not HTTP): what the query API reads, kept as the server keeps it. */
export async function seedRuns(db: Kysely<Database>, count: number, opts: { historyRuns: number; batch?: number; prefix?: string }): Promise<void> {
  const batch = opts.batch ?? 500;
  const r = createRng(42);
  for (let start = 0; start < count; start += batch) {
    const runs: Insertable<Database['runs']>[] = [];
    const params: Insertable<Database['run_param_values']>[] = [];
    const metrics: Insertable<Database['run_metrics']>[] = [];
    const tags: Insertable<Database['run_tags']>[] = [];
    const series: Array<{ run_id: string; key: string; last: number; min: number; max: number }> = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const id = `${opts.prefix ?? 'b'}-${String(i).padStart(7, '0')}`;
      const config = configOf(i, r);
      const summary: Record<string, { last: number; min: number; max: number; step: number; count: number }> = {};
      for (const [k, key] of METRICS.entries()) {
        const last = Math.round(r() * 1e6) / 1e6 + k;
        const s = { last, min: last - r(), max: last + r(), step: 99, count: 100 };
        summary[key] = s;
        metrics.push({ run_id: id, key, last_value: s.last, min_value: s.min, max_value: s.max });
        if (i < opts.historyRuns) series.push({ run_id: id, key, last: s.last, min: s.min, max: s.max });
      }
      const created = BASE_MS + i * 1000;
      runs.push({
        id,
        project_id: 'default',
        notebook_id: null,
        name: `run ${i} ${config.optimizer as string}`,
        status: STATUSES[Math.floor(r() * STATUSES.length)],
        status_reason: null,
        config: JSON.stringify(config),
        env: JSON.stringify({ backend: 'webgpu', adapter: null, browser: 'bench', tfjsVersion: '4.22.0', seed: i }),
        code: null,
        dataset_fingerprint: null,
        sweep_id: i % 10 === 0 ? `sweep-${i % 50}` : null,
        trial_id: null,
        owner: ['ann', 'bob', 'cho', 'dev'][i % 4],
        source: 'browser',
        summary: JSON.stringify(summary),
        created_at: created,
        updated_at: created + 60_000,
        finished_at: created + 60_000,
        lifecycle_stage: 'active',
        class_id: null,
        student_id: null,
        deleted_at: null,
        notes: null,
      });
      for (const [key, v] of Object.entries(listParams(config))) params.push({ run_id: id, key, ...paramColumns(v) });
      tags.push({ run_id: id, key: 'team', value: `team-${i % 5}` });
      if (i % 10 === 3) tags.push({ run_id: id, key: 'baseline', value: 'yes' });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('projects').values({ id: 'default', name: 'Default', created_at: BASE_MS, updated_at: BASE_MS, lifecycle_stage: 'active' }).onConflict((oc) => oc.doNothing()).execute();
      await trx.insertInto('runs').values(runs).execute();
      for (let k = 0; k < params.length; k += 2000) await trx.insertInto('run_param_values').values(params.slice(k, k + 2000)).execute();
      for (let k = 0; k < metrics.length; k += 2000) await trx.insertInto('run_metrics').values(metrics.slice(k, k + 2000)).execute();
      await trx.insertInto('run_tags').values(tags).execute();
      for (const s of series) {
        const row = await trx
          .insertInto('metric_series')
          .values({ run_id: s.run_id, key: s.key, count: SEED_SHAPE.historyPoints, nan_count: 0, min_step: 0, max_step: 99, min_value: s.min, max_value: s.max, last_step: 99, last_time_ms: BASE_MS + 99, last_value: s.last })
          .returning('id')
          .executeTakeFirstOrThrow();
        const points = Array.from({ length: SEED_SHAPE.historyPoints }, (_, step) => ({ series_id: Number(row.id), step, time_ms: BASE_MS + step, value: s.min + ((s.max - s.min) * step) / 99 }));
        await trx.insertInto('metric_points').values(points).execute();
      }
    });
  }
}
