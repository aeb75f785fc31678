import { z } from 'zod';
import { IdSchema } from '@/lib/track/schemas';

/**
 * The HTTP contract of the model registry's native API (one zod schema per wire type), shared by
 * the route handlers (lib/server/registry), the model pages and `bench.register(...)`:
 *
 *   GET    /api/v1/models?nameLike=&limit=&cursor=     → ModelListResponse
 *   GET    /api/v1/models/:name                         → ModelDetailResponse (model, versions)
 *   POST   /api/v1/models/:name/versions                RegisterVersionRequest → 201 ModelVersionResponse
 *   PUT    /api/v1/models/:name/aliases/:alias          SetAliasRequest → ModelDetailResponse
 *   DELETE /api/v1/models/:name/aliases/:alias          → ModelDetailResponse
 *
 * Names and aliases follow MLflow's rules, so a model registered here is the same model MLflow's
 * `registered-models/*` endpoints see.
 */

export const REGISTRY_LIMITS = {
  modelNameLength: 256,
  aliasLength: 64,
  descriptionLength: 5000,
  tagKeyLength: 250,
  tagValueLength: 5000,
  tagsPerRequest: 100,
  listDefault: 100,
  listMax: 1000,
} as const;

export const MODEL_FORMATS = ['onnx', 'tfjs', 'mlflow'] as const;
export const ModelFormat = z.enum(MODEL_FORMATS);
export type ModelFormat = z.infer<typeof ModelFormat>;

/** Why `name` cannot be a model name, or null. 1–256 chars, no `/` (it would split URLs), no control characters. */
export function modelNameProblem(name: string): string | null {
  if (name.length === 0) return 'a model name must not be empty';
  if (name.length > REGISTRY_LIMITS.modelNameLength) return `a model name is at most ${REGISTRY_LIMITS.modelNameLength} characters, got ${name.length}`;
  if (name.includes('/')) return 'a model name must not contain "/"';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a model name must not contain control characters';
  if (name.trim() !== name) return 'a model name must not begin or end with white space';
  return null;
}

/**
 * Why `alias` cannot be an alias, or null. MLflow's rules: letters, digits, `_` and `-`, not
 * `latest` (it already means the highest version) and not `v<digits>` / `version<digits>` (they
 * read as version numbers); here also starting with a letter or `_`, so never all digits.
 */
export function aliasProblem(alias: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(alias)) {
    return `an alias is 1–${REGISTRY_LIMITS.aliasLength} characters of letters, digits, "_" and "-", starting with a letter or "_"`;
  }
  if (alias.toLowerCase() === 'latest') return '"latest" is reserved: it always means the highest version';
  if (/^(v|version)\d+$/i.test(alias)) return `"${alias}" reads as a version number; pick another alias`;
  return null;
}

export const ModelName = z.string().superRefine((v, ctx) => {
  const problem = modelNameProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const AliasName = z.string().superRefine((v, ctx) => {
  const problem = aliasProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const VersionNumber = z.number().int().min(1).max(2_147_483_647);

export const ModelVersionWire = z.object({
  name: z.string(),
  version: z.number().int(),
  source: z.string(),
  runId: z.string().nullable(),
  artifact: z.object({ runId: z.string(), artifactId: z.string() }).nullable(),
  format: ModelFormat,
  status: z.literal('READY'),
  description: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  tags: z.record(z.string(), z.string()),
  aliases: z.array(z.string()),
  /** runId, codeSnapshot (hash), dataFingerprint, sweepId: whatever the run had. */
  lineage: z.record(z.string(), z.unknown()),
  /** The ONNX export's verification report, when the artifact carried one. */
  verification: z.unknown().nullable(),
});
export type ModelVersionWire = z.infer<typeof ModelVersionWire>;

export const RegisteredModelWire = z.object({
  name: z.string(),
  description: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  tags: z.record(z.string(), z.string()),
  aliases: z.array(z.object({ alias: z.string(), version: z.number().int() })),
  latestVersion: z.number().int().nullable(),
});
export type RegisteredModelWire = z.infer<typeof RegisteredModelWire>;

export const ModelListQuery = z.object({
  nameLike: z.string().max(REGISTRY_LIMITS.modelNameLength).optional(),
  limit: z.coerce.number().int().min(1).max(REGISTRY_LIMITS.listMax).default(REGISTRY_LIMITS.listDefault),
  cursor: z.string().max(200).optional(),
});

export const ModelListResponse = z.object({ models: z.array(RegisteredModelWire), next: z.string().optional() });
export type ModelListResponse = z.infer<typeof ModelListResponse>;

export const ModelDetailResponse = z.object({ model: RegisteredModelWire, versions: z.array(ModelVersionWire) });
export type ModelDetailResponse = z.infer<typeof ModelDetailResponse>;

export const RegisterVersionRequest = z
  .object({
    runId: IdSchema,
    artifactId: IdSchema,
    description: z.string().max(REGISTRY_LIMITS.descriptionLength).optional(),
  })
  .strict();
export type RegisterVersionRequest = z.infer<typeof RegisterVersionRequest>;

export const ModelVersionResponse = z.object({ version: ModelVersionWire });
export type ModelVersionResponse = z.infer<typeof ModelVersionResponse>;

export const SetAliasRequest = z.object({ version: VersionNumber }).strict();
export type SetAliasRequest = z.infer<typeof SetAliasRequest>;
