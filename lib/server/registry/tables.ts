import type { Generated } from 'kysely';

/** The model registry's tables as Kysely sees them (migration 008_model_registry); `Database` includes them. */

export interface RegisteredModelsTable {
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
  /** The last version number handed out (never reused). */
  last_version: Generated<number>;
}

export interface RegisteredModelTagsTable {
  name: string;
  key: string;
  value: string;
}

export interface ModelVersionsTable {
  name: string;
  version: number;
  /** The MLflow source URI as given (`runs:/<run>/model`, `mlflow-artifacts:/…`), or `benchtop:/runs/<run>/artifacts/<id>`. */
  source: string;
  run_id: string | null;
  /** Our artifact store's `<runId>/<artifactId>` of the file the server can load (the ONNX file). */
  artifact_run_id: string | null;
  artifact_id: string | null;
  /** 'onnx' | 'tfjs' | 'mlflow' */
  format: string;
  /** 'READY' (registration is synchronous here). */
  status: string;
  description: string;
  created_at: number;
  updated_at: number;
  /** JSON object: runId, codeSnapshot, dataFingerprint, sweepId: whatever the run had. */
  lineage_json: string;
  /** JSON: the ONNX export's verification report as stored with the artifact; null when none. */
  verification_json: string | null;
}

export interface ModelVersionTagsTable {
  name: string;
  version: number;
  key: string;
  value: string;
}

export interface ModelAliasesTable {
  name: string;
  alias: string;
  version: number;
}

export interface RegistryTables {
  registered_models: RegisteredModelsTable;
  registered_model_tags: RegisteredModelTagsTable;
  model_versions: ModelVersionsTable;
  model_version_tags: ModelVersionTagsTable;
  model_aliases: ModelAliasesTable;
}
