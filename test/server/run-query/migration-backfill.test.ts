import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RUN_QUERY_MIGRATION_NAME } from '@/lib/server/run-query/migration';
import { RUNS_PERF_MIGRATION_NAME } from '@/lib/server/run-query/perf-migration';
import { BACKENDS } from '../harness';
import { withMigrationDb } from './migration-db';

/** Runs stored before 006_run_query become filterable when it applies (it indexes them). */
describe.each(BACKENDS)('migration 006_run_query backfills stored runs (%s)', (backend) => {
  it('indexes the params and summary metrics of runs written before it', async () => {
    await withMigrationDb(backend, async ({ kysely, migrate }) => {
      // 010_runs_perf indexes 006's tables, so it waits for 006 too.
      const before = await migrate(new Set([RUN_QUERY_MIGRATION_NAME, RUNS_PERF_MIGRATION_NAME]));
      expect(before.error).toBeUndefined();
      await sql`insert into projects (id, name, created_at, updated_at) values ('p', 'P', 1, 1)`.execute(kysely);
      const config = JSON.stringify({ lr: 0.01, opt: 'adam', nested: { depth: 2 } });
      const summary = JSON.stringify({ loss: { last: 'NaN', min: 0.5, max: 'Infinity', step: 3, count: 4 } });
      await sql`insert into runs (id, project_id, name, status, config, env, source, summary, created_at, updated_at)
        values ('old-run', 'p', 'old', 'finished', ${config}, '{"backend":"cpu"}', 'browser', ${summary}, 1, 1)`.execute(kysely);
      const after = await migrate();
      expect(after.error).toBeUndefined();
      const params = await sql<{ key: string; kind: string; text_value: string; num_value: number | null }>`select key, kind, text_value, num_value from run_param_values where run_id = 'old-run' order by key`.execute(kysely);
      expect(params.rows.map((r) => ({ ...r, num_value: r.num_value === null ? null : Number(r.num_value) }))).toEqual([
        { key: 'lr', kind: 'n', text_value: '0.01', num_value: 0.01 },
        { key: 'nested.depth', kind: 'n', text_value: '2', num_value: 2 },
        { key: 'opt', kind: 's', text_value: 'adam', num_value: null },
      ]);
      const metrics = await sql<{ last_value: number | null; min_value: number; max_value: number }>`select last_value, min_value, max_value from run_metrics where run_id = 'old-run' and key = 'loss'`.execute(kysely);
      expect(metrics.rows.map((r) => [r.last_value, Number(r.min_value), Number(r.max_value)])).toEqual([[null, 0.5, Number.POSITIVE_INFINITY]]);
      const run = await sql<{ deleted_at: unknown; notes: unknown }>`select deleted_at, notes from runs where id = 'old-run'`.execute(kysely);
      expect(run.rows).toEqual([{ deleted_at: null, notes: null }]);
    });
  });
});
