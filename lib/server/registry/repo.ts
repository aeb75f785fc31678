import type { Kysely, Transaction } from 'kysely';
import { aliasProblem, modelNameProblem, type ModelFormat } from '@/lib/registry/api';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { lockKeyForTransaction } from '../db/key-lock';
import { decodePageToken, encodePageToken, PageTokenError } from '../mlflow/search/page-token';
import { groupBy, modelNotFound, RegistryError, tagsOf, toModelRecord, toVersionRecord, versionNotFound, type ModelVersionRecord, type RegisteredModelRecord } from './records';

export { RegistryError, type ModelVersionRecord, type RegisteredModelRecord } from './records';

export interface CreateVersionInput {
  name: string;
  source: string;
  runId?: string | null;
  artifact?: { runId: string; artifactId: string } | null;
  format: ModelFormat;
  description?: string;
  tags?: Record<string, string>;
  lineage?: Record<string, unknown>;
  verification?: unknown;
  /** Register the model first when it does not exist (the native API does; MLflow's create-model-version does not). */
  createModel?: boolean;
}

export type ModelOrderField = 'name' | 'createdAt' | 'updatedAt';
export type VersionOrderField = 'name' | 'version' | 'createdAt' | 'updatedAt';
export interface OrderBy<F> {
  field: F;
  desc: boolean;
}

export interface ListModelsOptions {
  /** Case-insensitive substring of the name. */
  nameLike?: string;
  /** Further conditions (MLflow's search filter), applied to whole records. */
  where?: (m: RegisteredModelRecord) => boolean;
  /** Default: name ascending. */
  orderBy?: OrderBy<ModelOrderField>[];
  limit: number;
  cursor?: string;
}

export interface SearchVersionsOptions {
  name?: string;
  runIds?: string[];
  where?: (v: ModelVersionRecord) => boolean;
  /** Default: name ascending, version descending (MLflow's order). */
  orderBy?: OrderBy<VersionOrderField>[];
  limit: number;
  cursor?: string;
}

/**
 * The model registry over both databases. Every write that reads first (version numbers, renames,
 * aliases) runs in a transaction holding the model's key lock, so two app instances over one
 * PostgreSQL database hand out each version number once (SQLite transactions are IMMEDIATE).
 * Searches read the registry's rows and filter in memory: a registry holds hundreds of models,
 * and MLflow's LIKE/ILIKE must mean the same on both databases.
 */
export interface RegistryRepo {
  createModel(name: string, init?: { description?: string; tags?: Record<string, string> }): Promise<RegisteredModelRecord>;
  getModel(name: string): Promise<RegisteredModelRecord | undefined>;
  listModels(opts: ListModelsOptions): Promise<{ models: RegisteredModelRecord[]; next?: string }>;
  updateModel(name: string, fields: { description: string }): Promise<RegisteredModelRecord>;
  renameModel(name: string, newName: string): Promise<RegisteredModelRecord>;
  /** Removes the model with its versions, tags and aliases. */
  deleteModel(name: string): Promise<void>;
  setModelTag(name: string, key: string, value: string): Promise<void>;
  deleteModelTag(name: string, key: string): Promise<void>;

  /** Version number = the model's last + 1, atomically (two instances never hand out one number twice). */
  createVersion(input: CreateVersionInput): Promise<ModelVersionRecord>;
  getVersion(name: string, version: number): Promise<ModelVersionRecord | undefined>;
  /** Highest version first. */
  listVersions(name: string): Promise<ModelVersionRecord[]>;
  searchVersions(opts: SearchVersionsOptions): Promise<{ versions: ModelVersionRecord[]; next?: string }>;
  updateVersion(name: string, version: number, fields: { description: string }): Promise<ModelVersionRecord>;
  /** Its aliases go with it; its number is never handed out again. */
  deleteVersion(name: string, version: number): Promise<void>;
  setVersionTag(name: string, version: number, key: string, value: string): Promise<void>;
  deleteVersionTag(name: string, version: number, key: string): Promise<void>;

  /** digits → that version; 'latest' → highest; otherwise an alias. undefined when unknown. */
  resolve(name: string, ref: string): Promise<ModelVersionRecord | undefined>;
  /** Points `alias` at `version` (moving it when it pointed elsewhere). */
  setAlias(name: string, alias: string, version: number): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<void>;
}

function checkName(name: string, field = 'name'): void {
  const problem = modelNameProblem(name);
  if (problem) throw new RegistryError('invalid', problem, field);
}

function checkAlias(alias: string): void {
  const problem = aliasProblem(alias);
  if (problem) throw new RegistryError('invalid', problem, 'alias');
}

const lockKey = (name: string) => `registry:${name}`;

function compare<T, F extends string>(orderBy: OrderBy<F>[], value: (r: T, f: F) => string | number) {
  return (a: T, b: T) => {
    for (const o of orderBy) {
      const x = value(a, o.field);
      const y = value(b, o.field);
      const c = x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  };
}

function page<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next?: string } {
  let offset: number;
  try {
    offset = decodePageToken(cursor);
  } catch (err) {
    if (err instanceof PageTokenError) throw new RegistryError('invalid', err.message, 'cursor');
    throw err;
  }
  const next = offset + limit;
  return { items: items.slice(offset, next), ...(next < items.length ? { next: encodePageToken(next) } : {}) };
}

export function registryRepo(db: Db, now: () => number = Date.now): RegistryRepo {
  const { kysely } = db;
  const inModelLock = <T>(name: string, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
    kysely.transaction().execute(async (trx) => {
      await lockKeyForTransaction(trx, db.dialect, lockKey(name));
      return fn(trx);
    });

  async function requireModel(k: Kysely<Database>, name: string): Promise<void> {
    const row = await k.selectFrom('registered_models').select('name').where('name', '=', name).executeTakeFirst();
    if (!row) throw modelNotFound(name);
  }

  /** Version numbers are int32 columns: a larger one (MLflow sends int64) names no version, it must not reach PostgreSQL (5xx). */
  const storable = (version: number) => Number.isSafeInteger(version) && version >= 1 && version <= 2_147_483_647;

  async function requireVersion(k: Kysely<Database>, name: string, version: number): Promise<void> {
    const row = storable(version) && await k.selectFrom('model_versions').select('version').where('name', '=', name).where('version', '=', version).executeTakeFirst();
    if (!row) {
      await requireModel(k, name);
      throw versionNotFound(name, version);
    }
  }

  const touchModel = (k: Kysely<Database>, name: string) => k.updateTable('registered_models').set({ updated_at: now() }).where('name', '=', name).execute();
  const touchVersion = (k: Kysely<Database>, name: string, version: number) =>
    k.updateTable('model_versions').set({ updated_at: now() }).where('name', '=', name).where('version', '=', version).execute();

  /** Whole records of the given models (all when `names` is undefined). */
  async function loadModels(names?: string[]): Promise<RegisteredModelRecord[]> {
    if (names?.length === 0) return [];
    const only = <Q extends { where: (c: 'name', op: 'in', v: string[]) => Q }>(q: Q): Q => (names ? q.where('name', 'in', names) : q);
    const [rows, tags, aliases, latest] = await Promise.all([
      only(kysely.selectFrom('registered_models').selectAll()).execute(),
      only(kysely.selectFrom('registered_model_tags').selectAll()).execute(),
      only(kysely.selectFrom('model_aliases').selectAll()).execute(),
      only(kysely.selectFrom('model_versions').select(['name', (eb) => eb.fn.max('version').as('latest')]).groupBy('name')).execute(),
    ]);
    const tagsBy = groupBy(tags, (t) => t.name);
    const aliasesBy = groupBy(aliases, (a) => a.name);
    const latestBy = new Map(latest.map((l) => [l.name, l.latest === null ? null : Number(l.latest)]));
    return rows.map((r) =>
      toModelRecord(r, tagsOf(tagsBy.get(r.name)), (aliasesBy.get(r.name) ?? []).map((a) => ({ alias: a.alias, version: Number(a.version) })), latestBy.get(r.name) ?? null),
    );
  }

  /** Whole records of the versions a query selects. */
  async function loadVersions(filter: { name?: string; version?: number; runIds?: string[] }): Promise<ModelVersionRecord[]> {
    let q = kysely.selectFrom('model_versions').selectAll();
    let t = kysely.selectFrom('model_version_tags').selectAll();
    let a = kysely.selectFrom('model_aliases').selectAll();
    if (filter.name !== undefined) {
      q = q.where('name', '=', filter.name);
      t = t.where('name', '=', filter.name);
      a = a.where('name', '=', filter.name);
    }
    if (filter.version !== undefined) {
      q = q.where('version', '=', filter.version);
      t = t.where('version', '=', filter.version);
      a = a.where('version', '=', filter.version);
    }
    if (filter.runIds) q = q.where('run_id', 'in', filter.runIds.length ? filter.runIds : ['']);
    const [rows, tags, aliases] = await Promise.all([q.execute(), t.execute(), a.execute()]);
    const key = (r: { name: string; version: number }) => `${r.version}\u0000${r.name}`;
    const tagsBy = groupBy(tags, key);
    const aliasesBy = groupBy(aliases, key);
    return rows.map((r) => toVersionRecord(r, tagsOf(tagsBy.get(key(r))), (aliasesBy.get(key(r)) ?? []).map((x) => x.alias)));
  }

  const repo: RegistryRepo = {
    async createModel(name, init = {}) {
      checkName(name);
      await inModelLock(name, async (trx) => {
        const existing = await trx.selectFrom('registered_models').select('name').where('name', '=', name).executeTakeFirst();
        if (existing) throw new RegistryError('exists', `Registered Model (name=${name}) already exists.`, 'name');
        const t = now();
        await trx.insertInto('registered_models').values({ name, description: init.description ?? '', created_at: t, updated_at: t }).execute();
        const tags = Object.entries(init.tags ?? {});
        if (tags.length) await trx.insertInto('registered_model_tags').values(tags.map(([key, value]) => ({ name, key, value }))).execute();
      });
      return (await repo.getModel(name))!;
    },
    async getModel(name) {
      return (await loadModels([name]))[0];
    },
    async listModels({ nameLike, where, orderBy = [{ field: 'name', desc: false }], limit, cursor }) {
      const needle = nameLike?.toLowerCase();
      const all = (await loadModels())
        .filter((m) => (needle === undefined || m.name.toLowerCase().includes(needle)) && (!where || where(m)))
        .sort(compare<RegisteredModelRecord, ModelOrderField>([...orderBy, { field: 'name', desc: false }], (m, f) => m[f]));
      const { items, next } = page(all, cursor, limit);
      return { models: items, ...(next ? { next } : {}) };
    },
    async updateModel(name, { description }) {
      const res = await kysely.updateTable('registered_models').set({ description, updated_at: now() }).where('name', '=', name).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw modelNotFound(name);
      return (await repo.getModel(name))!;
    },
    async renameModel(name, newName) {
      checkName(newName, 'new_name');
      await inModelLock(name, async (trx) => {
        await lockKeyForTransaction(trx, db.dialect, lockKey(newName));
        await requireModel(trx, name);
        if (name === newName) return;
        const taken = await trx.selectFrom('registered_models').select('name').where('name', '=', newName).executeTakeFirst();
        if (taken) throw new RegistryError('exists', `Registered Model (name=${newName}) already exists.`, 'new_name');
        // Children follow by ON UPDATE CASCADE.
        await trx.updateTable('registered_models').set({ name: newName, updated_at: now() }).where('name', '=', name).execute();
      });
      return (await repo.getModel(newName))!;
    },
    async deleteModel(name) {
      const res = await kysely.deleteFrom('registered_models').where('name', '=', name).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw modelNotFound(name);
    },
    async setModelTag(name, key, value) {
      await inModelLock(name, async (trx) => {
        await requireModel(trx, name);
        await trx.insertInto('registered_model_tags').values({ name, key, value }).onConflict((oc) => oc.columns(['name', 'key']).doUpdateSet({ value })).execute();
        await touchModel(trx, name);
      });
    },
    async deleteModelTag(name, key) {
      await inModelLock(name, async (trx) => {
        await requireModel(trx, name);
        const res = await trx.deleteFrom('registered_model_tags').where('name', '=', name).where('key', '=', key).executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw new RegistryError('not_found', `No tag with name: ${key} in registered model ${name}`, 'key');
        await touchModel(trx, name);
      });
    },

    async createVersion(input) {
      checkName(input.name);
      const version = await inModelLock(input.name, async (trx) => {
        const t = now();
        const model = await trx.selectFrom('registered_models').select('last_version').where('name', '=', input.name).executeTakeFirst();
        if (!model && !input.createModel) throw modelNotFound(input.name);
        if (!model) await trx.insertInto('registered_models').values({ name: input.name, description: '', created_at: t, updated_at: t }).execute();
        const v = Number(model?.last_version ?? 0) + 1;
        await trx.updateTable('registered_models').set({ last_version: v, updated_at: t }).where('name', '=', input.name).execute();
        await trx
          .insertInto('model_versions')
          .values({
            name: input.name,
            version: v,
            source: input.source,
            run_id: input.runId ?? null,
            artifact_run_id: input.artifact?.runId ?? null,
            artifact_id: input.artifact?.artifactId ?? null,
            format: input.format,
            status: 'READY',
            description: input.description ?? '',
            created_at: t,
            updated_at: t,
            lineage_json: JSON.stringify(input.lineage ?? {}),
            verification_json: input.verification === undefined || input.verification === null ? null : JSON.stringify(input.verification),
          })
          .execute();
        const tags = Object.entries(input.tags ?? {});
        if (tags.length) await trx.insertInto('model_version_tags').values(tags.map(([key, value]) => ({ name: input.name, version: v, key, value }))).execute();
        return v;
      });
      return (await repo.getVersion(input.name, version))!;
    },
    async getVersion(name, version) {
      if (!storable(version)) return undefined;
      return (await loadVersions({ name, version }))[0];
    },
    async listVersions(name) {
      return (await loadVersions({ name })).sort((a, b) => b.version - a.version);
    },
    async searchVersions({ name, runIds, where, orderBy = [], limit, cursor }) {
      const order: OrderBy<VersionOrderField>[] = [...orderBy, { field: 'name', desc: false }, { field: 'version', desc: true }];
      const all = (await loadVersions({ name, runIds })).filter((v) => !where || where(v)).sort(compare<ModelVersionRecord, VersionOrderField>(order, (v, f) => v[f]));
      const { items, next } = page(all, cursor, limit);
      return { versions: items, ...(next ? { next } : {}) };
    },
    async updateVersion(name, version, { description }) {
      if (!storable(version)) await requireVersion(kysely, name, version);
      const res = await kysely.updateTable('model_versions').set({ description, updated_at: now() }).where('name', '=', name).where('version', '=', version).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) await requireVersion(kysely, name, version);
      return (await repo.getVersion(name, version))!;
    },
    async deleteVersion(name, version) {
      await inModelLock(name, async (trx) => {
        await requireVersion(trx, name, version);
        await trx.deleteFrom('model_versions').where('name', '=', name).where('version', '=', version).execute();
        await touchModel(trx, name);
      });
    },
    async setVersionTag(name, version, key, value) {
      await inModelLock(name, async (trx) => {
        await requireVersion(trx, name, version);
        await trx
          .insertInto('model_version_tags')
          .values({ name, version, key, value })
          .onConflict((oc) => oc.columns(['name', 'version', 'key']).doUpdateSet({ value }))
          .execute();
        await touchVersion(trx, name, version);
      });
    },
    async deleteVersionTag(name, version, key) {
      await inModelLock(name, async (trx) => {
        await requireVersion(trx, name, version);
        const res = await trx.deleteFrom('model_version_tags').where('name', '=', name).where('version', '=', version).where('key', '=', key).executeTakeFirst();
        if (Number(res.numDeletedRows) === 0) throw new RegistryError('not_found', `No tag with name: ${key} in model version ${name} version ${version}`, 'key');
        await touchVersion(trx, name, version);
      });
    },

    async resolve(name, ref) {
      if (/^\d{1,9}$/.test(ref)) return repo.getVersion(name, Number(ref));
      if (ref === 'latest') {
        const row = await kysely.selectFrom('model_versions').select((eb) => eb.fn.max('version').as('v')).where('name', '=', name).executeTakeFirst();
        return row?.v === null || row?.v === undefined ? undefined : repo.getVersion(name, Number(row.v));
      }
      const alias = await kysely.selectFrom('model_aliases').select('version').where('name', '=', name).where('alias', '=', ref).executeTakeFirst();
      return alias ? repo.getVersion(name, Number(alias.version)) : undefined;
    },
    async setAlias(name, alias, version) {
      checkAlias(alias);
      await inModelLock(name, async (trx) => {
        await requireVersion(trx, name, version);
        await trx.insertInto('model_aliases').values({ name, alias, version }).onConflict((oc) => oc.columns(['name', 'alias']).doUpdateSet({ version })).execute();
        await touchModel(trx, name);
      });
    },
    async deleteAlias(name, alias) {
      await inModelLock(name, async (trx) => {
        await requireModel(trx, name);
        // Deleting an alias that is not set is not an error (MLflow answers 200 too).
        await trx.deleteFrom('model_aliases').where('name', '=', name).where('alias', '=', alias).execute();
        await touchModel(trx, name);
      });
    },
  };
  return repo;
}
