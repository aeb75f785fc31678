import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** One logged input: MLflow's Dataset and the input's tags. */
export interface DatasetInput {
  dataset: { name: string; digest: string; source_type: string; source: string; schema?: string; profile?: string };
  tags: Record<string, string>;
}

/** The tag MLflow puts the input's role in ("training", "eval"); `datasets.context` filters on it. */
export const CONTEXT_TAG = 'mlflow.data.context';

/** Datasets a run used (runs/log-inputs), read back with runs/get and runs/search. */
export function mlflowInputsRepo(kysely: Kysely<Database>) {
  return {
    /** Upserts each (run, name, digest); a dataset logged again keeps its fields and merges its tags. */
    async log(runId: string, inputs: readonly DatasetInput[], nowMs: number): Promise<void> {
      if (inputs.length === 0) return;
      await kysely.transaction().execute(async (trx) => {
        for (const { dataset: d, tags } of inputs) {
          const existing = await trx.selectFrom('run_inputs').select('tags_json').where('run_id', '=', runId).where('name', '=', d.name).where('digest', '=', d.digest).executeTakeFirst();
          const merged = JSON.stringify({ ...(existing ? (JSON.parse(existing.tags_json) as Record<string, string>) : {}), ...tags });
          if (existing) {
            await trx.updateTable('run_inputs').set({ tags_json: merged }).where('run_id', '=', runId).where('name', '=', d.name).where('digest', '=', d.digest).execute();
          } else {
            await trx
              .insertInto('run_inputs')
              .values({ run_id: runId, name: d.name, digest: d.digest, source_type: d.source_type, source: d.source, schema: d.schema ?? null, profile: d.profile ?? null, tags_json: merged, created_at: nowMs })
              .execute();
          }
        }
      });
    },

    /** Each run's inputs in the order they were first logged. */
    async forRuns(runIds: readonly string[]): Promise<Map<string, DatasetInput[]>> {
      const out = new Map<string, DatasetInput[]>();
      if (runIds.length === 0) return out;
      const rows = await kysely.selectFrom('run_inputs').selectAll().where('run_id', 'in', [...runIds]).orderBy('created_at').orderBy('name').execute();
      for (const r of rows) {
        const input: DatasetInput = {
          dataset: { name: r.name, digest: r.digest, source_type: r.source_type, source: r.source, ...(r.schema === null ? {} : { schema: r.schema }), ...(r.profile === null ? {} : { profile: r.profile }) },
          tags: JSON.parse(r.tags_json) as Record<string, string>,
        };
        out.set(r.run_id, [...(out.get(r.run_id) ?? []), input]);
      }
      return out;
    },
  };
}

export type MlflowInputsRepo = ReturnType<typeof mlflowInputsRepo>;
