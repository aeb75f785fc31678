import type { Kysely, Migration } from 'kysely';

export const PREDICT_TOKENS_MIGRATION_NAME = '012_predict_tokens';

/**
 * Predict tokens (issue 15): per-model credentials for predict and feedback only. Only the
 * secret's sha256 is stored. The model is referenced with ON UPDATE/DELETE CASCADE: renaming a
 * model keeps its tokens working, deleting it revokes them.
 *
 * Also (the one migration of this change): `alert_rules.model_alias`, for rules that follow an
 * alias (`champion`) instead of one version.
 */
export const predictTokensMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('predict_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().references('registered_models.name').onDelete('cascade').onUpdate('cascade'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('hint', 'text', (c) => c.notNull())
      .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .execute();
    await db.schema.createIndex('predict_tokens_name').on('predict_tokens').column('name').execute();
    await db.schema.alterTable('alert_rules').addColumn('model_alias', 'text').execute();
  },
};
