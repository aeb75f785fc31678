import type { Kysely } from 'kysely';
import { DriftReferenceSchema } from '@/lib/serving/api';
import type { DriftReference } from '@/lib/serving/drift';
import type { Database } from '../db/schema';
import type { ArtifactsRepo } from '../repos/artifacts';
import type { RegistryRepo } from '../registry/repo';

/**
 * Where a version's drift reference comes from: one sent for it (PUT …/monitoring/reference,
 * e.g. by bench.register with the validation split), else the one its ONNX export kept in the
 * artifact's meta (`driftReference`, lib/bench/export/run-export.ts). null when neither exists.
 */
export interface ReferenceStore {
  load(name: string, version: number): Promise<DriftReference | null>;
  save(name: string, version: number, reference: DriftReference): Promise<void>;
}

function parsed(value: unknown): DriftReference | null {
  const r = DriftReferenceSchema.safeParse(value);
  return r.success ? r.data : null;
}

export function referenceStore(kysely: Kysely<Database>, registry: RegistryRepo, artifacts: ArtifactsRepo, now: () => number = Date.now): ReferenceStore {
  return {
    async load(name, version) {
      const row = await kysely.selectFrom('model_references').select('reference_json').where('name', '=', name).where('version', '=', version).executeTakeFirst();
      if (row) return parsed(JSON.parse(row.reference_json));
      const v = await registry.getVersion(name, version);
      if (!v?.artifact) return null;
      const stored = await artifacts.get(v.artifact.artifactId);
      return parsed(stored?.artifact.meta?.driftReference);
    },
    async save(name, version, reference) {
      const values = { name, version, reference_json: JSON.stringify(reference), created_at: now() };
      await kysely
        .insertInto('model_references')
        .values(values)
        .onConflict((oc) => oc.columns(['name', 'version']).doUpdateSet({ reference_json: values.reference_json, created_at: values.created_at }))
        .execute();
    },
  };
}
