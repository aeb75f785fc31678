import type { Kysely, Transaction } from 'kysely';
import type { RunStatus } from '@/lib/track/schemas';
import { toWireNumber } from '@/lib/track/wire-number';
import type { Db } from '../../db/connect';
import type { Database } from '../../db/schema';
import { invalidParameter } from '../errors';
import { configValueOfParam, paramsOfConfig } from '../mapping';
import { groupByRun, inChunks } from './chunks';
import { readableRows } from '../../list-rows';
import { indexRunValues } from '../../run-query/index-run';

export const RUN_NAME_TAG = 'mlflow.runName';

/** The columns of a run MLflow needs (never env, code or summary). */
export interface RunRecord {
  id: string;
  projectId: string;
  name: string;
  status: RunStatus;
  owner: string | null;
  source: 'browser' | 'mlflow';
  createdAt: number;
  finishedAt: number | null;
  lifecycleStage: string;
  /** Parsed only when asked for (params of browser runs come from it). */
  config?: Record<string, unknown>;
}

/** The point with the greatest (step, timestamp) of a metric: what MLflow calls its latest value. */
export interface LatestMetric {
  value: number;
  timestamp: number;
  step: number;
}

export interface RunData {
  params: Map<string, string>;
  tags: Map<string, string>;
  metrics: Map<string, LatestMetric>;
}

/** Which keys to load; undefined loads all, an empty set none (a search loads only what it names). */
export interface DataNeeds {
  params?: ReadonlySet<string>;
  tags?: ReadonlySet<string>;
  metrics?: ReadonlySet<string>;
}

const RECORD_COLUMNS = ['id', 'project_id', 'name', 'status', 'owner', 'source', 'created_at', 'finished_at', 'lifecycle_stage'] as const;

type RecordRow = { id: string; project_id: string; name: string; status: string; owner: string | null; source: string; created_at: number; finished_at: number | null; lifecycle_stage: string; config?: string };

function toRecord(r: RecordRow): RunRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    status: r.status as RunStatus,
    owner: r.owner,
    source: r.source as RunRecord['source'],
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    lifecycleStage: r.lifecycle_stage,
    ...(r.config === undefined ? {} : { config: JSON.parse(r.config) as Record<string, unknown> }),
  };
}

export function mlflowRunsRepo(db: Db) {
  const kysely = db.kysely;
  /** Serializes writers of one run's params/config/summary on PostgreSQL (SQLite has one connection). */
  const lockRun = async (trx: Transaction<Database>, runId: string) => {
    if (db.dialect === 'postgres') await trx.selectFrom('runs').select('id').where('id', '=', runId).forUpdate().execute();
  };
  const keyFilter = (needed: ReadonlySet<string> | undefined) => (needed === undefined ? undefined : [...needed]);

  return {
    async get(runId: string, withConfig = false): Promise<RunRecord | undefined> {
      const q = kysely.selectFrom('runs').select(RECORD_COLUMNS).where('id', '=', runId);
      const row = withConfig ? await q.select('config').executeTakeFirst() : await q.executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async list(projectIds: readonly string[], stages: readonly string[], withConfig: boolean): Promise<RunRecord[]> {
      if (projectIds.length === 0) return [];
      const q = kysely.selectFrom('runs').select(RECORD_COLUMNS).where('project_id', 'in', [...projectIds]).where('lifecycle_stage', 'in', [...stages]).where('deleted_at', 'is', null);
      return readableRows(withConfig ? await q.select('config').execute() : await q.execute(), toRecord, 'run');
    },

    /** These runs (in the given order, unknown ids skipped), with config for building params. */
    async byIds(ids: readonly string[]): Promise<RunRecord[]> {
      const rows = await inChunks(ids, (chunk) => kysely.selectFrom('runs').select(RECORD_COLUMNS).select('config').where('id', 'in', chunk).execute());
      const byId = new Map(readableRows(rows, toRecord, 'run').map((r) => [r.id, r]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    /** Params, tags and latest metrics of these runs (records of browser runs need their config). */
    async data(records: readonly RunRecord[], needs: DataNeeds = {}): Promise<Map<string, RunData>> {
      const ids = records.map((r) => r.id);
      const mlflowIds = records.filter((r) => r.source === 'mlflow').map((r) => r.id);
      const wanted = { params: keyFilter(needs.params), tags: keyFilter(needs.tags), metrics: keyFilter(needs.metrics) };
      const skip = (w: string[] | undefined) => w !== undefined && w.length === 0;

      const paramRows = skip(wanted.params)
        ? []
        : await inChunks(mlflowIds, (chunk) => {
            const q = kysely.selectFrom('run_params').select(['run_id', 'key', 'value']).where('run_id', 'in', chunk);
            return (wanted.params ? q.where('key', 'in', wanted.params) : q).execute();
          });
      const tagRows = skip(wanted.tags)
        ? []
        : await inChunks(ids, (chunk) => {
            const q = kysely.selectFrom('run_tags').select(['run_id', 'key', 'value']).where('run_id', 'in', chunk);
            return (wanted.tags ? q.where('key', 'in', wanted.tags) : q).execute();
          });
      const metricRows = skip(wanted.metrics)
        ? []
        : await inChunks(ids, (chunk) => {
            const q = kysely.selectFrom('metric_series').select(['run_id', 'key', 'last_value', 'last_step', 'last_time_ms']).where('run_id', 'in', chunk);
            return (wanted.metrics ? q.where('key', 'in', wanted.metrics) : q).execute();
          });

      const params = groupByRun(paramRows, (r) => r.value);
      const tags = groupByRun(tagRows, (r) => r.value);
      const metrics = groupByRun(metricRows, (r) => ({ value: r.last_value ?? Number.NaN, timestamp: r.last_time_ms, step: r.last_step }));
      const out = new Map<string, RunData>();
      for (const r of records) {
        let p = params.get(r.id) ?? new Map<string, string>();
        if (r.source === 'browser' && !skip(wanted.params)) {
          p = new Map(paramsOfConfig(r.config ?? {}).filter((kv) => !wanted.params || wanted.params.includes(kv.key)).map((kv) => [kv.key, kv.value]));
        }
        const t = tags.get(r.id) ?? new Map<string, string>();
        // MLflow keeps run_name and the mlflow.runName tag equal; browser runs have only the name.
        if (!t.has(RUN_NAME_TAG) && (!wanted.tags || wanted.tags.includes(RUN_NAME_TAG))) t.set(RUN_NAME_TAG, r.name);
        out.set(r.id, { params: p, tags: t, metrics: metrics.get(r.id) ?? new Map() });
      }
      return out;
    },

    /** Status, end time and name (kept equal to the mlflow.runName tag). */
    async updateInfo(runId: string, patch: { status?: RunStatus; finishedAt?: number; name?: string }, nowMs: number): Promise<void> {
      await kysely.transaction().execute(async (trx) => {
        await trx
          .updateTable('runs')
          .set({
            updated_at: nowMs,
            ...(patch.status !== undefined ? { status: patch.status } : {}),
            ...(patch.finishedAt !== undefined ? { finished_at: patch.finishedAt } : {}),
            ...(patch.name !== undefined ? { name: patch.name } : {}),
          })
          .where('id', '=', runId)
          .execute();
        if (patch.name !== undefined) await upsertTags(trx, runId, new Map([[RUN_NAME_TAG, patch.name]]));
      });
    },

    async setLifecycle(runId: string, stage: 'active' | 'deleted'): Promise<void> {
      await kysely.updateTable('runs').set({ lifecycle_stage: stage }).where('id', '=', runId).execute();
    },

    /**
     * Params (write-once: the same value again is fine, another value is INVALID_PARAMETER_VALUE
     * and nothing of the request is written) and tags (last value wins) in one transaction; the
     * run's config is rebuilt from its params so /runs shows them.
     */
    async writeParamsAndTags(runId: string, params: ReadonlyMap<string, string>, tags: ReadonlyMap<string, string>, nowMs: number): Promise<void> {
      await kysely.transaction().execute(async (trx) => {
        await lockRun(trx, runId);
        const set: { updated_at: number; config?: string; name?: string } = { updated_at: nowMs };
        if (params.size > 0) {
          const rows = [...params].map(([key, value]) => ({ run_id: runId, key, value }));
          await trx.insertInto('run_params').values(rows).onConflict((oc) => oc.columns(['run_id', 'key']).doNothing()).execute();
          const stored = await trx.selectFrom('run_params').select(['key', 'value']).where('run_id', '=', runId).orderBy('key').execute();
          const changed = stored.filter((r) => params.has(r.key) && params.get(r.key) !== r.value);
          if (changed.length > 0) {
            const list = changed.map((r) => `key='${r.key}' was already logged with value='${r.value}', new value '${params.get(r.key)}'`).join('; ');
            throw invalidParameter(`Changing param values is not allowed. For run ID='${runId}': ${list}.`);
          }
          const config = Object.fromEntries(stored.map((r) => [r.key, configValueOfParam(r.value)]));
          set.config = JSON.stringify(config);
          await indexRunValues(trx, runId, { config });
        }
        if (tags.size > 0) {
          await upsertTags(trx, runId, tags);
          const name = tags.get(RUN_NAME_TAG);
          if (name !== undefined) set.name = name;
        }
        await trx.updateTable('runs').set(set).where('id', '=', runId).execute();
      });
    },

    async deleteTag(runId: string, key: string): Promise<boolean> {
      const res = await kysely.deleteFrom('run_tags').where('run_id', '=', runId).where('key', '=', key).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },

    /** The run's summary (last/min/max/step/count per metric) from its metric series, for /runs. */
    async refreshSummary(runId: string, nowMs: number): Promise<void> {
      await kysely.transaction().execute(async (trx) => {
        await lockRun(trx, runId);
        const series = await trx.selectFrom('metric_series').selectAll().where('run_id', '=', runId).execute();
        const summary = Object.fromEntries(
          series.map((s) => [
            s.key,
            {
              last: toWireNumber(s.last_value ?? Number.NaN),
              min: toWireNumber(s.min_value ?? Number.NaN),
              max: toWireNumber(s.max_value ?? Number.NaN),
              step: s.last_step,
              count: s.count,
            },
          ]),
        );
        await trx.updateTable('runs').set({ summary: JSON.stringify(summary), updated_at: nowMs }).where('id', '=', runId).execute();
        await indexRunValues(trx, runId, { wireSummary: summary });
      });
    },
  };
}

async function upsertTags(trx: Kysely<Database>, runId: string, tags: ReadonlyMap<string, string>): Promise<void> {
  const rows = [...tags].map(([key, value]) => ({ run_id: runId, key, value }));
  await trx
    .insertInto('run_tags')
    .values(rows)
    .onConflict((oc) => oc.columns(['run_id', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

export type MlflowRunsRepo = ReturnType<typeof mlflowRunsRepo>;
