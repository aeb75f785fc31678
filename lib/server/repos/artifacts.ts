import type { Kysely, Selectable } from 'kysely';
import type { Artifact } from '@/lib/track/schemas';
import type { ArtifactsTable, Database } from '../db/schema';

export interface StoredArtifact {
  artifact: Artifact;
  storageKey: string;
}

/** Artifact metadata rows; the bytes live in the ArtifactStore under `storageKey`. */
export interface ArtifactsRepo {
  get(id: string): Promise<StoredArtifact | undefined>;
  listForRun(runId: string): Promise<StoredArtifact[]>;
  /** Insert or replace the row of `artifact.id`. */
  put(artifact: Artifact, storageKey: string): Promise<void>;
}

export function artifactsRepo(kysely: Kysely<Database>): ArtifactsRepo {
  const toStored = (r: Selectable<ArtifactsTable>): StoredArtifact => ({
    storageKey: r.storage_key,
    artifact: {
      id: r.id,
      runId: r.run_id,
      name: r.name,
      kind: r.kind as Artifact['kind'],
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
      createdAt: r.created_at,
      ...(r.meta === null ? {} : { meta: JSON.parse(r.meta) }),
    },
  });
  return {
    async get(id) {
      const row = await kysely.selectFrom('artifacts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toStored(row) : undefined;
    },
    async listForRun(runId) {
      const rows = await kysely.selectFrom('artifacts').selectAll().where('run_id', '=', runId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toStored);
    },
    async put(a, storageKey) {
      const row = {
        run_id: a.runId,
        name: a.name,
        kind: a.kind,
        size_bytes: a.sizeBytes,
        sha256: a.sha256,
        created_at: a.createdAt,
        meta: a.meta === undefined ? null : JSON.stringify(a.meta),
        storage_key: storageKey,
      };
      await kysely
        .insertInto('artifacts')
        .values({ id: a.id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    },
  };
}
