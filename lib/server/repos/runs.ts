import { sql, type Kysely, type Selectable } from 'kysely';
import { WireMetricSummary, type Run } from '@/lib/track/schemas';
import { runToWire } from '@/lib/track/api';
import { listParams, type RunListItem } from '@/lib/track/run-list';
import type { Db } from '../db/connect';
import { lockKeyForTransaction, metricsLockKey } from '../db/key-lock';
import type { Database, RunsTable } from '../db/schema';
import { ensureProject } from './projects';
import { readableRows } from '../list-rows';
import { indexRunValues } from '../run-query/index-run';

export interface RunListFilter {
  projectId?: string;
  sweepId?: string;
  /** Runs of one class / one student (a student's own list is always narrowed to theirs). */
  classId?: string;
  studentId?: string;
  limit: number;
  /** From `decodeCursor` of the previous page's `nextCursor`. */
  after?: { createdAt: number; id: string };
}

/** Who a student's run belongs to: set by the server, whatever the client claimed (issue 12). */
export interface RunStamp {
  classId: string;
  studentId: string;
  /** The student's display name, stored as the run's owner. */
  owner: string;
}

/** A stamped upsert met a run that someone else (the workspace or another student) owns. */
export class RunOwnedElsewhereError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} belongs to someone else`);
  }
}

export interface RunsRepo {
  /**
   * Last writer by `updatedAt` wins; an older version is ignored (applied: false). With a stamp,
   * the run is the student's: created stamped, or updated only when already theirs (checked
   * under the run's lock, so two students racing for one new id cannot both own it).
   */
  upsert(run: Run, stamp?: RunStamp): Promise<{ run: Run; applied: boolean }>;
  /** Undefined for a soft-deleted run too (as exists is false for it). */
  get(id: string): Promise<Run | undefined>;
  exists(id: string): Promise<boolean>;
  /** Lean rows (no code snapshot, capped params), newest first (createdAt, then id), active and not soft-deleted runs only. */
  list(filter: RunListFilter): Promise<{ runs: RunListItem[]; nextCursor: string | null }>;
  /** Removes the run for good (purge; DELETE /api/v1/runs/:id soft-deletes instead) with its points and, by cascade, its params, tags, series, rollups, artifact rows and shares. */
  delete(id: string): Promise<boolean>;
}

/** Config values as MLflow params: strings as they are, everything else as JSON. */
export function configToParams(config: Record<string, unknown>): Array<{ key: string; value: string }> {
  return Object.entries(config).map(([key, v]) => ({ key, value: typeof v === 'string' ? v : JSON.stringify(v) ?? 'null' }));
}

export function runsRepo(db: Db): RunsRepo {
  const { kysely } = db;
  const toRun = (row: Selectable<RunsTable>, tags: Record<string, string>): Run => ({
    id: row.id,
    projectId: row.project_id,
    notebookId: row.notebook_id,
    name: row.name,
    status: row.status as Run['status'],
    statusReason: row.status_reason,
    config: JSON.parse(row.config),
    env: JSON.parse(row.env),
    code: row.code === null ? null : JSON.parse(row.code),
    datasetFingerprint: row.dataset_fingerprint,
    sweepId: row.sweep_id,
    trialId: row.trial_id,
    owner: row.owner,
    tags,
    source: row.source as Run['source'],
    summary: parseSummary(row.summary),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  });

  const tagsOf = async (db: Kysely<Database>, ids: string[]) => {
    const out = new Map<string, Record<string, string>>(ids.map((id) => [id, {}]));
    if (ids.length === 0) return out;
    const rows = await db.selectFrom('run_tags').select(['run_id', 'key', 'value']).where('run_id', 'in', ids).execute();
    for (const r of rows) out.get(r.run_id)![r.key] = r.value;
    return out;
  };

  const get = async (db: Kysely<Database>, id: string, includeDeleted = false) => {
    const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    // Soft-deleted (DELETE /api/v1/runs/:id): gone for every reader and writer until restored.
    if (!row || (row.deleted_at !== null && !includeDeleted)) return undefined;
    return toRun(row, (await tagsOf(db, [id])).get(id)!);
  };

  return {
    async upsert(run, stamp) {
      return kysely.transaction().execute(async (trx) => {
        // Two instances (or two pool connections) writing one run must not both read the old
        // version: the older write could land last, or both re-insert the tags.
        await lockKeyForTransaction(trx, db.dialect, `run:${run.id}`);
        const existing = await trx.selectFrom('runs').select(['updated_at', 'class_id', 'student_id']).where('id', '=', run.id).executeTakeFirst();
        if (stamp && existing && (existing.class_id !== stamp.classId || existing.student_id !== stamp.studentId)) throw new RunOwnedElsewhereError(run.id);
        if (existing && existing.updated_at > run.updatedAt) return { run: (await get(trx, run.id, true))!, applied: false };
        await ensureProject(trx, run.projectId, run.createdAt);
        const row = {
          project_id: run.projectId,
          notebook_id: run.notebookId,
          name: run.name,
          status: run.status,
          status_reason: run.statusReason,
          config: JSON.stringify(run.config),
          env: JSON.stringify(run.env),
          code: run.code === null ? null : JSON.stringify(run.code),
          dataset_fingerprint: run.datasetFingerprint,
          sweep_id: run.sweepId,
          trial_id: run.trialId,
          owner: stamp ? stamp.owner : run.owner,
          source: run.source,
          summary: JSON.stringify(runToWire(run).summary),
          // Unstamped writes (the workspace) keep whatever class stamp a run already has.
          ...(stamp ? { class_id: stamp.classId, student_id: stamp.studentId } : {}),
          created_at: run.createdAt,
          updated_at: run.updatedAt,
          finished_at: run.finishedAt,
        };
        await trx
          .insertInto('runs')
          .values({ id: run.id, lifecycle_stage: 'active', ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        await trx.deleteFrom('run_tags').where('run_id', '=', run.id).execute();
        const tags = Object.entries(run.tags).map(([key, value]) => ({ run_id: run.id, key, value }));
        if (tags.length > 0) await trx.insertInto('run_tags').values(tags).execute();
        await trx.deleteFrom('run_params').where('run_id', '=', run.id).execute();
        const params = configToParams(run.config).map((p) => ({ run_id: run.id, ...p }));
        if (params.length > 0) await trx.insertInto('run_params').values(params).execute();
        await indexRunValues(trx, run.id, { config: run.config, wireSummary: JSON.parse(row.summary) as Record<string, unknown> });
        return { run: (await get(trx, run.id, true))!, applied: true };
      });
    },

    get: (id) => get(kysely, id),

    async exists(id) {
      return (await kysely.selectFrom('runs').select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst()) !== undefined;
    },

    async list({ projectId, sweepId, classId, studentId, limit, after }) {
      // Lean rows: no code snapshot; config and env read only while small enough to list.
      let q = kysely
        .selectFrom('runs')
        .select(LIST_COLUMNS)
        .select([
          sql<string | null>`case when length(config) <= ${LIST_JSON_MAX_CHARS} then config end`.as('config'),
          sql<string | null>`case when length(env) <= ${LIST_JSON_MAX_CHARS} then env end`.as('env'),
        ])
        .where('lifecycle_stage', '=', 'active')
        // Soft-deleted runs (DELETE /api/v1/runs/:id) leave every list until restored.
        .where('deleted_at', 'is', null);
      if (projectId) q = q.where('project_id', '=', projectId);
      if (sweepId) q = q.where('sweep_id', '=', sweepId);
      if (classId) q = q.where('class_id', '=', classId);
      if (studentId) q = q.where('student_id', '=', studentId);
      if (after) {
        q = q.where((eb) =>
          eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
        );
      }
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const page = rows.slice(0, limit);
      const tags = await tagsOf(kysely, page.map((r) => r.id));
      const last = page[page.length - 1];
      return {
        runs: readableRows(page, (r) => listItemOf(r, tags.get(r.id)!), 'run'),
        nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },

    async delete(id) {
      return kysely.transaction().execute(async (trx) => {
        // A batch being ingested (by any instance) finishes first; one arriving later finds no
        // run. Without this, its points landed after ours were deleted and were never removed.
        await lockKeyForTransaction(trx, db.dialect, metricsLockKey(id));
        // Points carry no foreign key (ingest speed, see migrations.ts): delete them first.
        await trx
          .deleteFrom('metric_points')
          .where('series_id', 'in', trx.selectFrom('metric_series').select('id').where('run_id', '=', id))
          .execute();
        const res = await trx.deleteFrom('runs').where('id', '=', id).executeTakeFirst();
        return Number(res.numDeletedRows) > 0;
      });
    },
  };
}

/**
 * A config or env longer than this (characters) is not read for a list row: its params are left
 * out of the list (the run's own page has them) rather than read megabytes per row.
 */
const LIST_JSON_MAX_CHARS = 65_536;

/** What a list reads of a run: no code; config/env null when too long to list (see below). */
const LIST_COLUMNS = ['id', 'project_id', 'notebook_id', 'name', 'status', 'status_reason', 'sweep_id', 'trial_id', 'owner', 'source', 'summary', 'created_at', 'updated_at', 'finished_at'] as const;
type ListRow = Pick<Selectable<RunsTable>, (typeof LIST_COLUMNS)[number]> & { config: string | null; env: string | null };

function listItemOf(r: ListRow, tags: Record<string, string>): RunListItem {
  return {
    id: r.id,
    projectId: r.project_id,
    notebookId: r.notebook_id,
    name: r.name,
    status: r.status as Run['status'],
    statusReason: r.status_reason,
    sweepId: r.sweep_id,
    trialId: r.trial_id,
    owner: r.owner,
    tags,
    source: r.source as Run['source'],
    summary: parseSummary(r.summary),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    backend: r.env === null ? '' : String((JSON.parse(r.env) as { backend?: unknown }).backend ?? ''),
    params: r.config === null ? {} : listParams(JSON.parse(r.config) as Record<string, unknown>),
  };
}

function parseSummary(text: string): Run['summary'] {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const out: Run['summary'] = {};
  for (const [key, value] of Object.entries(raw)) out[key] = WireMetricSummary.parse(value);
  return out;
}

function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

/** A malformed cursor reads as "from the start" would hide a client bug: it throws instead. */
export function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdAt === 'number' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through
  }
  throw new RangeError('cursor is not one this server issued');
}
