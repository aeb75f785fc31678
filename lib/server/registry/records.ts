import type { Selectable } from 'kysely';
import type { ModelFormat } from '@/lib/registry/api';
import type { ModelVersionsTable, RegisteredModelsTable } from './tables';

/** A model version as the registry hands it out (one shape for the native and MLflow APIs). */
export interface ModelVersionRecord {
  name: string;
  version: number;
  source: string;
  runId: string | null;
  /** The file the server can load (the ONNX file for format 'onnx'), in our artifact store. */
  artifact: { runId: string; artifactId: string } | null;
  format: ModelFormat;
  status: 'READY';
  description: string;
  createdAt: number;
  updatedAt: number;
  tags: Record<string, string>;
  aliases: string[];
  lineage: Record<string, unknown>;
  verification: unknown | null;
}

export interface RegisteredModelRecord {
  name: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  tags: Record<string, string>;
  aliases: { alias: string; version: number }[];
  latestVersion: number | null;
}

/** Typed failures the HTTP layers translate: 409/RESOURCE_ALREADY_EXISTS, 404/RESOURCE_DOES_NOT_EXIST, 400/INVALID_PARAMETER_VALUE. */
export class RegistryError extends Error {
  constructor(
    readonly kind: 'exists' | 'not_found' | 'invalid',
    message: string,
    /** The request field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const modelNotFound = (name: string) => new RegistryError('not_found', `Registered Model with name=${name} not found`, 'name');
export const versionNotFound = (name: string, version: number) =>
  new RegistryError('not_found', `Model Version (name=${name}, version=${version}) not found`, 'version');

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function toVersionRecord(
  row: Selectable<ModelVersionsTable>,
  tags: Record<string, string>,
  aliases: string[],
): ModelVersionRecord {
  return {
    name: row.name,
    version: Number(row.version),
    source: row.source,
    runId: row.run_id,
    artifact: row.artifact_run_id && row.artifact_id ? { runId: row.artifact_run_id, artifactId: row.artifact_id } : null,
    format: row.format as ModelFormat,
    status: 'READY',
    description: row.description,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    tags,
    aliases: [...aliases].sort(),
    lineage: (parseJson(row.lineage_json) as Record<string, unknown>) ?? {},
    verification: parseJson(row.verification_json),
  };
}

export function toModelRecord(
  row: Selectable<RegisteredModelsTable>,
  tags: Record<string, string>,
  aliases: { alias: string; version: number }[],
  latestVersion: number | null,
): RegisteredModelRecord {
  return {
    name: row.name,
    description: row.description,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    tags,
    aliases: [...aliases].sort((a, b) => a.alias.localeCompare(b.alias)),
    latestVersion,
  };
}

/** Groups rows by a key, e.g. tags by model name. */
export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export const tagsOf = (rows: readonly { key: string; value: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((rows ?? []).map((r) => [r.key, r.value]));
