import type { Kysely, Migration } from 'kysely';

export const REGISTRY_MIGRATION_NAME = '008_model_registry';

/**
 * The model registry (issue 15): registered models, their numbered versions, tags and aliases
 * (MLflow 2 semantics: aliases, no stages). Child tables reference the model by name with
 * ON UPDATE CASCADE, so renaming a model (MLflow's registered-models/rename) is one UPDATE, and
 * ON DELETE CASCADE, so deleting it removes its versions, tags and aliases with it.
 */
export const registryMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('registered_models')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      // The last version number handed out: numbers are never reused after a version is deleted,
      // so `my-model/3` means one file forever (MLflow keeps deleted versions' numbers too).
      .addColumn('last_version', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('registered_model_tags')
      .addColumn('name', 'text', (c) => c.notNull().references('registered_models.name').onDelete('cascade').onUpdate('cascade'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('registered_model_tags_pk', ['name', 'key'])
      .execute();
    await db.schema
      .createTable('model_versions')
      .addColumn('name', 'text', (c) => c.notNull().references('registered_models.name').onDelete('cascade').onUpdate('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text')
      // No foreign keys to runs/artifacts: a registered version outlives a deleted run (its
      // lineage JSON keeps what the run was), as MLflow's registry does.
      .addColumn('artifact_run_id', 'text')
      .addColumn('artifact_id', 'text')
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('lineage_json', 'text', (c) => c.notNull())
      .addColumn('verification_json', 'text')
      .addPrimaryKeyConstraint('model_versions_pk', ['name', 'version'])
      .execute();
    await db.schema.createIndex('model_versions_run').on('model_versions').column('run_id').execute();
    await db.schema
      .createTable('model_version_tags')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('model_version_tags_pk', ['name', 'version', 'key'])
      .addForeignKeyConstraint('model_version_tags_version', ['name', 'version'], 'model_versions', ['name', 'version'], (c) => c.onDelete('cascade').onUpdate('cascade'))
      .execute();
    await db.schema
      .createTable('model_aliases')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('alias', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('model_aliases_pk', ['name', 'alias'])
      // Deleting a version drops the aliases that pointed at it (MLflow does the same).
      .addForeignKeyConstraint('model_aliases_version', ['name', 'version'], 'model_versions', ['name', 'version'], (c) => c.onDelete('cascade').onUpdate('cascade'))
      .execute();
  },
};
