import { randomInt } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DEFAULT_PROJECT_ID } from '@/lib/track/schemas';
import type { Database, ProjectsTable } from '../../db/schema';
import { ensureProject } from '../../repos/projects';
import { isUniqueViolation } from '../../http/errors';
import { MlflowError } from '../errors';
import { DEFAULT_EXPERIMENT_NAME, experimentNameOf } from '../mapping';

/** A project with what MLflow shows of it (any lifecycle stage). */
export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  lifecycleStage: string;
  tags: Map<string, string>;
}

export type Lifecycle = 'active' | 'deleted';

/**
 * Projects as MLflow experiments. MLflow soft-deletes experiments (and their runs) and can
 * restore them; names stay unique across both states, as in MLflow.
 */
export function mlflowExperimentsRepo(kysely: Kysely<Database>) {
  const withTags = async (rows: Array<Selectable<ProjectsTable>>): Promise<ProjectRecord[]> => {
    if (rows.length === 0) return [];
    const tagRows = await kysely.selectFrom('project_tags').selectAll().where('project_id', 'in', rows.map((r) => r.id)).execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lifecycleStage: r.lifecycle_stage,
      tags: new Map(tagRows.filter((t) => t.project_id === r.id).map((t) => [t.key, t.value])),
    }));
  };

  /** The experiment MLflow knows by this name; the active one when a deleted one shares it. */
  const findByName = async (name: string): Promise<ProjectRecord | undefined> => {
    let q = kysely.selectFrom('projects').selectAll().where('name', '=', name);
    if (name === DEFAULT_EXPERIMENT_NAME) q = kysely.selectFrom('projects').selectAll().where((eb) => eb.or([eb('name', '=', name), eb('id', '=', DEFAULT_PROJECT_ID)]));
    const hits = (await q.execute()).filter((r) => experimentNameOf(r) === name);
    hits.sort((a, b) => Number(b.lifecycle_stage === 'active') - Number(a.lifecycle_stage === 'active'));
    return (await withTags(hits.slice(0, 1)))[0];
  };

  return {
    findByName,

    /** MLflow always has experiment "0"; Benchtop creates the default project lazily. */
    ensureDefault: (nowMs: number) => ensureProject(kysely, DEFAULT_PROJECT_ID, nowMs),

    async get(projectId: string): Promise<ProjectRecord | undefined> {
      return (await withTags(await kysely.selectFrom('projects').selectAll().where('id', '=', projectId).execute()))[0];
    },

    async list(stages: readonly string[]): Promise<ProjectRecord[]> {
      return withTags(await kysely.selectFrom('projects').selectAll().where('lifecycle_stage', 'in', [...stages]).execute());
    },

    /** Creates a project with an MLflow-style numeric id; RESOURCE_ALREADY_EXISTS when the name is taken. */
    async create(name: string, tags: ReadonlyMap<string, string>, nowMs: number): Promise<string> {
      const taken = () => new MlflowError('RESOURCE_ALREADY_EXISTS', `Experiment '${name}' already exists.`);
      if (name === DEFAULT_EXPERIMENT_NAME && (await findByName(name))) throw taken();
      // 18 random digits, as MLflow's file store makes them: no counter to race on.
      const id = String(randomInt(1e8, 1e9 - 1)) + String(randomInt(1e8, 1e9 - 1));
      try {
        await kysely.transaction().execute(async (trx) => {
          await trx.insertInto('projects').values({ id, name, created_at: nowMs, updated_at: nowMs, lifecycle_stage: 'active' }).execute();
          const rows = [...tags].map(([key, value]) => ({ project_id: id, key, value }));
          if (rows.length > 0) await trx.insertInto('project_tags').values(rows).execute();
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw taken();
        throw err;
      }
      return id;
    },

    async rename(projectId: string, name: string, nowMs: number): Promise<void> {
      try {
        await kysely.updateTable('projects').set({ name, updated_at: nowMs }).where('id', '=', projectId).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new MlflowError('RESOURCE_ALREADY_EXISTS', `Experiment '${name}' already exists.`);
        throw err;
      }
    },

    /**
     * Deleting an experiment deletes its runs (they leave /runs too); restoring brings back every
     * deleted run of it. Run `updated_at` is left alone: it orders browser syncs.
     */
    async setLifecycle(projectId: string, stage: Lifecycle, nowMs: number): Promise<void> {
      const other: Lifecycle = stage === 'active' ? 'deleted' : 'active';
      await kysely.transaction().execute(async (trx) => {
        await trx.updateTable('projects').set({ lifecycle_stage: stage, updated_at: nowMs }).where('id', '=', projectId).execute();
        await trx.updateTable('runs').set({ lifecycle_stage: stage }).where('project_id', '=', projectId).where('lifecycle_stage', '=', other).execute();
      });
    },

    async setTag(projectId: string, key: string, value: string): Promise<void> {
      await kysely
        .insertInto('project_tags')
        .values({ project_id: projectId, key, value })
        .onConflict((oc) => oc.columns(['project_id', 'key']).doUpdateSet({ value }))
        .execute();
    },

    async deleteTag(projectId: string, key: string): Promise<boolean> {
      const res = await kysely.deleteFrom('project_tags').where('project_id', '=', projectId).where('key', '=', key).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
  };
}

export type MlflowExperimentsRepo = ReturnType<typeof mlflowExperimentsRepo>;
