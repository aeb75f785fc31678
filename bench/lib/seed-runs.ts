import { sql, type Insertable } from 'kysely';
import type { Db } from '../../lib/server/db/connect';
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
export async function seedRuns(db: Db, count: number, opts: { historyRuns: number; batch?: number; prefix?: string }): Promise<void> {
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
    await insertBatch(db, { runs, params, metrics, tags, series });

  }
}

interface Batch {
  runs: Insertable<Database['runs']>[];
  params: Insertable<Database['run_param_values']>[];
  metrics: Insertable<Database['run_metrics']>[];
  tags: Insertable<Database['run_tags']>[];
  series: Array<{ run_id: string; key: string; last: number; min: number; max: number }>;
}

/** Column name → PostgreSQL array type, per seeded table (unnest needs the types). */
const TABLES: Record<'runs' | 'run_param_values' | 'run_metrics' | 'run_tags', Record<string, string>> = {
  runs: {
    id: 'text', project_id: 'text', notebook_id: 'text', name: 'text', status: 'text', status_reason: 'text', config: 'text', env: 'text', code: 'text',
    dataset_fingerprint: 'text', sweep_id: 'text', trial_id: 'text', owner: 'text', source: 'text', summary: 'text', created_at: 'int8', updated_at: 'int8',
    finished_at: 'int8', lifecycle_stage: 'text', deleted_at: 'int8', notes: 'text',
  },
  run_param_values: { run_id: 'text', key: 'text', kind: 'text', text_value: 'text', num_value: 'float8' },
  run_metrics: { run_id: 'text', key: 'text', last_value: 'float8', min_value: 'float8', max_value: 'float8' },
  run_tags: { run_id: 'text', key: 'text', value: 'text' },
};

/**
 * One batch in one transaction, the fastest way each database takes rows: prepared single-row
 * statements on SQLite (no SQL text per row), one `INSERT … SELECT FROM unnest(arrays)` per
 * table on PostgreSQL (one round trip per table).
 */
async function insertBatch(db: Db, b: Batch): Promise<void> {
  const rowsOf = { runs: b.runs, run_param_values: b.params, run_metrics: b.metrics, run_tags: b.tags } as Record<keyof typeof TABLES, Array<Record<string, unknown>>>;
  if (db.dialect === 'sqlite') {
    const tx = db.sqlite.transaction(() => {
      db.sqlite.prepare(`insert or ignore into projects (id, name, created_at, updated_at, lifecycle_stage) values ('default', 'Default', ${BASE_MS}, ${BASE_MS}, 'active')`).run();
      for (const [table, columns] of Object.entries(TABLES)) {
        const names = Object.keys(columns);
        const stmt = db.sqlite.prepare(`insert into ${table} (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`);
        for (const row of rowsOf[table as keyof typeof TABLES]) stmt.run(...names.map((n) => row[n] ?? null));
      }
      const seriesStmt = db.sqlite.prepare('insert into metric_series (run_id, key, count, nan_count, min_step, max_step, min_value, max_value, last_step, last_time_ms, last_value) values (?, ?, ?, 0, 0, 99, ?, ?, 99, ?, ?)');
      const pointStmt = db.sqlite.prepare('insert into metric_points (series_id, step, time_ms, value) values (?, ?, ?, ?)');
      for (const s of b.series) {
        const id = seriesStmt.run(s.run_id, s.key, SEED_SHAPE.historyPoints, s.min, s.max, BASE_MS + 99, s.last).lastInsertRowid;
        for (let step = 0; step < SEED_SHAPE.historyPoints; step++) pointStmt.run(id, step, BASE_MS + step, s.min + ((s.max - s.min) * step) / 99);
      }
    });
    tx();
    return;
  }
  await db.kysely.transaction().execute(async (trx) => {
    await sql`insert into projects (id, name, created_at, updated_at, lifecycle_stage) values ('default', 'Default', ${BASE_MS}, ${BASE_MS}, 'active') on conflict do nothing`.execute(trx);
    for (const [table, columns] of Object.entries(TABLES)) {
      const rows = rowsOf[table as keyof typeof TABLES];
      const names = Object.keys(columns);
      const arrays = names.map((n) => sql`${rows.map((r) => r[n] ?? null)}::${sql.raw(columns[n])}[]`);
      await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))}) select * from unnest(${sql.join(arrays)})`.execute(trx);
    }
    for (const s of b.series) {
      const { rows } = await sql<{ id: string }>`insert into metric_series (run_id, key, count, nan_count, min_step, max_step, min_value, max_value, last_step, last_time_ms, last_value)
        values (${s.run_id}, ${s.key}, ${SEED_SHAPE.historyPoints}, 0, 0, 99, ${s.min}, ${s.max}, 99, ${BASE_MS + 99}, ${s.last}) returning id`.execute(trx);
      const steps = Array.from({ length: SEED_SHAPE.historyPoints }, (_, step) => step);
      await sql`insert into metric_points (series_id, step, time_ms, value) select ${Number(rows[0].id)}, s, ${BASE_MS} + s, ${s.min} + (${s.max - s.min}::float8 * s) / 99 from unnest(${steps}::int8[]) as s`.execute(trx);
    }
  });
}
