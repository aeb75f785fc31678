import { sql, type Kysely } from 'kysely';
import type { RunField } from '@/lib/track/run-filter';
import type { WireRunRow } from '@/lib/track/run-query';
import type { ListParamValue } from '@/lib/track/run-list';
import { toWireNumber } from '@/lib/track/wire-number';
import type { Database } from '../db/schema';
import { paramValue } from './index-run';

/** An env longer than this is not parsed for `backend` (a list must not read megabytes per row). */
const ENV_MAX_CHARS = 65_536;

/** Lean columns of `runs r` that a row needs. */
export const ROW_COLUMNS = sql`r.id, r.name, r.status, r.owner, r.project_id, r.sweep_id, r.created_at, r.updated_at, r.finished_at, r.notes, r.deleted_at, case when length(r.env) <= ${ENV_MAX_CHARS} then r.env end as env`;

export interface RunBaseRow {
  id: string;
  name: string;
  status: string;
  owner: string | null;
  project_id: string;
  sweep_id: string | null;
  created_at: number | string;
  updated_at: number | string;
  finished_at: number | string | null;
  notes: string | null;
  deleted_at: number | string | null;
  env: string | null;
}

/** Which params and metrics rows carry: the requested columns, or (none requested) all of them. */
export interface RowColumns {
  params?: string[];
  metrics?: string[];
}

export function rowColumnsOf(fields: RunField[] | undefined): RowColumns {
  if (fields === undefined) return {};
  const params = new Set<string>();
  const metrics = new Set<string>();
  for (const f of fields) {
    if (f.kind === 'param') params.add(f.key);
    if (f.kind === 'metric') metrics.add(f.key);
  }
  return { params: [...params], metrics: [...metrics] };
}

/** The lean columns of these runs, in this order. */
export async function baseRows(db: Kysely<Database>, ids: string[]): Promise<RunBaseRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<RunBaseRow>`select ${ROW_COLUMNS} from runs r where r.id in (${sql.join(ids)})`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const num = (v: number | string): number => Number(v);

/** Wire rows for these base rows, in their order: tags, chosen params and metrics fetched per page. */
export async function assembleRows(db: Kysely<Database>, base: RunBaseRow[], columns: RowColumns): Promise<WireRunRow[]> {
  const ids = base.map((r) => r.id);
  const tags = new Map<string, Record<string, string>>(ids.map((id) => [id, {}]));
  const params = new Map<string, Record<string, ListParamValue>>(ids.map((id) => [id, {}]));
  const metrics = new Map<string, WireRunRow['metrics']>(ids.map((id) => [id, {}]));
  if (ids.length > 0) {
    const [tagRows, paramRows, metricRows] = await Promise.all([
      db.selectFrom('run_tags').select(['run_id', 'key', 'value']).where('run_id', 'in', ids).execute(),
      columns.params?.length === 0
        ? []
        : (columns.params ? db.selectFrom('run_param_values').where('key', 'in', columns.params) : db.selectFrom('run_param_values'))
            .select(['run_id', 'key', 'kind', 'text_value', 'num_value'])
            .where('run_id', 'in', ids)
            .execute(),
      columns.metrics?.length === 0
        ? []
        : (columns.metrics ? db.selectFrom('run_metrics').where('key', 'in', columns.metrics) : db.selectFrom('run_metrics'))
            .select(['run_id', 'key', 'last_value', 'min_value', 'max_value'])
            .where('run_id', 'in', ids)
            .execute(),
    ]);
    for (const t of tagRows) tags.get(t.run_id)![t.key] = t.value;
    for (const p of paramRows) params.get(p.run_id)![p.key] = paramValue(p.kind, p.text_value, p.num_value);
    const wire = (v: number | null) => toWireNumber(v === null ? Number.NaN : Number(v));
    for (const m of metricRows) metrics.get(m.run_id)![m.key] = { last: wire(m.last_value), min: wire(m.min_value), max: wire(m.max_value) };
  }
  return base.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status as WireRunRow['status'],
    owner: r.owner,
    projectId: r.project_id,
    sweepId: r.sweep_id,
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    finishedAt: r.finished_at === null ? null : num(r.finished_at),
    tags: tags.get(r.id)!,
    notes: r.notes,
    params: params.get(r.id)!,
    metrics: metrics.get(r.id)!,
    deletedAt: r.deleted_at === null ? null : num(r.deleted_at),
    backend: backendOf(r.env),
  }));
}

function backendOf(env: string | null): string | null {
  if (env === null) return null;
  try {
    const b = (JSON.parse(env) as { backend?: unknown }).backend;
    return typeof b === 'string' ? b : null;
  } catch {
    return null;
  }
}
