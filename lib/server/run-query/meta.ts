import type { Kysely } from 'kysely';
import { RUN_QUERY_LIMITS, type RunBulkRequest, type RunMetaPatch } from '@/lib/track/run-query';
import type { Database } from '../db/schema';

/** MLflow keeps a run's name in this tag too (mlflow/repos/runs.ts); a rename keeps them equal. */
const RUN_NAME_TAG = 'mlflow.runName';

/**
 * Name, tags (replaced whole) and markdown notes of one run. Bumps updated_at: the edit is the
 * run's latest write, so an older copy synced later (last writer by updatedAt wins) does not undo it.
 * False when no such run.
 */
export async function updateRunMeta(db: Kysely<Database>, runId: string, patch: RunMetaPatch, nowMs: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('runs').select(['id', 'updated_at']).where('id', '=', runId).executeTakeFirst();
    if (!run) return false;
    const set: { updated_at: number; name?: string; notes?: string | null } = { updated_at: Math.max(nowMs, Number(run.updated_at) + 1) };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.notes !== undefined) set.notes = patch.notes;
    await trx.updateTable('runs').set(set).where('id', '=', runId).execute();
    const tags = patch.tags === undefined ? undefined : { ...patch.tags };
    if (tags !== undefined) {
      const had = await trx.selectFrom('run_tags').select('value').where('run_id', '=', runId).where('key', '=', RUN_NAME_TAG).executeTakeFirst();
      if (had && !(RUN_NAME_TAG in tags)) tags[RUN_NAME_TAG] = had.value;
      await trx.deleteFrom('run_tags').where('run_id', '=', runId).execute();
      const rows = Object.entries(tags).map(([key, value]) => ({ run_id: runId, key, value }));
      if (rows.length > 0) await trx.insertInto('run_tags').values(rows).execute();
    }
    if (patch.name !== undefined) await trx.updateTable('run_tags').set({ value: patch.name }).where('run_id', '=', runId).where('key', '=', RUN_NAME_TAG).execute();
    return true;
  });
}

/** Ids among these that name a run. */
async function existing(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('runs').select('id').where('id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * delete (soft: deleted_at = now, restorable for RUN_QUERY_LIMITS.purgeAfterDays), restore, tag
 * (set key = value) or untag on many runs at once, in one transaction.
 */
export async function bulkRuns(db: Kysely<Database>, req: RunBulkRequest, nowMs: number): Promise<{ changed: number; missing: string[] }> {
  const ids = [...new Set(req.ids)];
  return db.transaction().execute(async (trx) => {
    const found = await existing(trx, ids);
    const missing = ids.filter((id) => !found.has(id));
    const present = ids.filter((id) => found.has(id));
    if (present.length === 0) return { changed: 0, missing };
    let changed = 0;
    switch (req.action) {
      case 'delete': {
        const res = await trx.updateTable('runs').set({ deleted_at: nowMs }).where('id', 'in', present).where('deleted_at', 'is', null).executeTakeFirst();
        changed = Number(res.numUpdatedRows);
        break;
      }
      case 'restore': {
        const res = await trx.updateTable('runs').set({ deleted_at: null }).where('id', 'in', present).where('deleted_at', 'is not', null).executeTakeFirst();
        changed = Number(res.numUpdatedRows);
        break;
      }
      case 'tag': {
        const tag = req.tag!;
        await trx.deleteFrom('run_tags').where('run_id', 'in', present).where('key', '=', tag.key).execute();
        await trx.insertInto('run_tags').values(present.map((run_id) => ({ run_id, key: tag.key, value: tag.value }))).execute();
        changed = present.length;
        break;
      }
      case 'untag': {
        const res = await trx.deleteFrom('run_tags').where('run_id', 'in', present).where('key', '=', req.tag!.key).executeTakeFirst();
        changed = Number(res.numDeletedRows);
        break;
      }
    }
    return { changed, missing };
  });
}

/** Soft-deleted runs whose restore window ended by `nowMs` (oldest first, at most `limit`). */
export async function expiredRunIds(db: Kysely<Database>, nowMs: number, limit: number): Promise<string[]> {
  const before = nowMs - RUN_QUERY_LIMITS.purgeAfterDays * 86_400_000;
  const rows = await db.selectFrom('runs').select('id').where('deleted_at', 'is not', null).where('deleted_at', '<', before).orderBy('deleted_at').limit(limit).execute();
  return rows.map((r) => r.id);
}
