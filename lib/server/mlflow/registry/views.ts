import type { ModelVersionRecord, RegisteredModelRecord } from '../../registry/records';
import { RegistryError } from '../../registry/records';
import { MlflowError } from '../errors';
import type { Searchable } from '../search/evaluate';

/**
 * The registry's records in MLflow's protobuf JSON (model_registry.proto): versions as strings,
 * tags as key/value lists, MLflow 2 aliases; stages are gone, so every version's
 * `current_stage` is "None" and `latest_versions` holds the one latest version.
 */

const keyValues = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

export function modelVersionView(v: ModelVersionRecord) {
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.createdAt,
    last_updated_timestamp: v.updatedAt,
    current_stage: 'None',
    description: v.description,
    source: v.source,
    ...(v.runId ? { run_id: v.runId } : {}),
    status: v.status,
    tags: keyValues(v.tags),
    aliases: v.aliases,
  };
}

export function registeredModelView(m: RegisteredModelRecord, latest?: ModelVersionRecord) {
  return {
    name: m.name,
    creation_timestamp: m.createdAt,
    last_updated_timestamp: m.updatedAt,
    description: m.description,
    ...(latest ? { latest_versions: [modelVersionView(latest)] } : {}),
    tags: keyValues(m.tags),
    aliases: m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
  };
}

/** A registry failure in MLflow's codes: RESOURCE_ALREADY_EXISTS and INVALID_PARAMETER_VALUE 400, RESOURCE_DOES_NOT_EXIST 404. */
export async function mlflowRegistry<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    const code = err.kind === 'exists' ? 'RESOURCE_ALREADY_EXISTS' : err.kind === 'not_found' ? 'RESOURCE_DOES_NOT_EXIST' : 'INVALID_PARAMETER_VALUE';
    throw new MlflowError(code, err.message);
  }
}

const noData = new Map<string, never>();

/** A registry record as MLflow's search filter sees it: attributes and tags (no params or metrics). */
const searchable = (attributes: [string, string | number | null][], tags: Record<string, string>): Searchable => ({
  attributes: new Map(attributes),
  tags: new Map(Object.entries(tags)),
  params: noData,
  metrics: noData,
});

export const searchableModel = (m: RegisteredModelRecord): Searchable & { model: RegisteredModelRecord } => ({
  model: m,
  ...searchable(
    [
      ['name', m.name],
      ['creation_timestamp', m.createdAt],
      ['last_updated_timestamp', m.updatedAt],
    ],
    m.tags,
  ),
});

export const searchableVersion = (v: ModelVersionRecord): Searchable & { version: ModelVersionRecord } => ({
  version: v,
  ...searchable(
    [
      ['name', v.name],
      ['run_id', v.runId],
      ['source_path', v.source],
      ['version_number', v.version],
      ['creation_timestamp', v.createdAt],
      ['last_updated_timestamp', v.updatedAt],
    ],
    v.tags,
  ),
});
