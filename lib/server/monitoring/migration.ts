import type { Kysely, Migration } from 'kysely';

/**
 * Model monitoring and alerts (issue 15). Registered in lib/server/db/migrations.ts under
 * MONITORING_MIGRATION_NAME. Monitoring rows are append-only windows (one per flush of one
 * server process): two app instances never update the same row, and a read merges a minute's rows.
 */
export const MONITORING_MIGRATION_NAME = '009_model_monitoring';

export const monitoringMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('model_monitor_windows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      /** Start of the minute (epoch ms) the requests were answered in. */
      .addColumn('minute', 'bigint', (c) => c.notNull())
      .addColumn('requests', 'integer', (c) => c.notNull())
      .addColumn('errors', 'integer', (c) => c.notNull())
      /** JSON: latency histogram {bucket index: count} (lib/serving/latency-histogram.ts). */
      .addColumn('latency_json', 'text', (c) => c.notNull())
      /** JSON: predicted class → count. */
      .addColumn('classes_json', 'text', (c) => c.notNull())
      /** JSON: input → statistic → counts per reference bin (lib/serving/drift.ts). */
      .addColumn('inputs_json', 'text', (c) => c.notNull())
      /** The server process's resident set size at flush. */
      .addColumn('rss_bytes', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('model_monitor_windows_version').on('model_monitor_windows').columns(['name', 'version', 'minute']).execute();

    await db.schema
      .createTable('model_predictions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      /** Arg-max class of the first row, when the output held class scores. */
      .addColumn('predicted_class', 'integer')
      .addColumn('label', 'integer')
      .addColumn('labelled_at', 'bigint')
      .execute();
    await db.schema.createIndex('model_predictions_labelled').on('model_predictions').columns(['name', 'version', 'labelled_at']).execute();
    await db.schema.createIndex('model_predictions_created').on('model_predictions').column('created_at').execute();

    await db.schema
      .createTable('alert_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      /** 'model' (a version's monitoring metric) or 'run' (a run's logged metric). */
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('model_name', 'text')
      .addColumn('model_version', 'integer')
      .addColumn('run_id', 'text')
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('comparator', 'text', (c) => c.notNull())
      .addColumn('threshold', 'double precision', (c) => c.notNull())
      .addColumn('window_minutes', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      /** 'ok' | 'firing': a webhook goes out on the change to firing only. */
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('last_value', 'double precision')
      .addColumn('evaluated_at', 'bigint')
      .execute();
    await db.schema.createIndex('alert_rules_model').on('alert_rules').columns(['model_name', 'model_version']).execute();
    await db.schema.createIndex('alert_rules_run').on('alert_rules').column('run_id').execute();

    await db.schema
      .createTable('alert_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull().references('alert_rules.id').onDelete('cascade'))
      .addColumn('fired_at', 'bigint', (c) => c.notNull())
      .addColumn('value', 'double precision')
      .addColumn('message', 'text', (c) => c.notNull())
      /** 'pending' | 'delivered' | 'failed' | 'no_webhook' */
      .addColumn('delivery', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('alert_events_rule').on('alert_events').columns(['rule_id', 'fired_at']).execute();

    /** Drift references sent for a version (PUT …/monitoring/reference); else the export's, in the artifact's meta. */
    await db.schema
      .createTable('model_references')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('reference_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('model_references_pk', ['name', 'version'])
      .execute();

    /** Workspace-wide settings kept by the owner (the alert webhook URL). */
    await db.schema
      .createTable('workspace_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
