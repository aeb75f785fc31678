import { ModelListQuery, ModelName, AliasName, RegisterVersionRequest, SetAliasRequest, REGISTRY_LIMITS, type ModelDetailResponse } from '@/lib/registry/api';
import { HttpError, json, notFound } from '../http/errors';
import { parseQuery, readJson } from '../http/body';
import type { Route, RouteContext } from '../http/router';
import { RegistryError } from './records';
import { benchtopSource, lineageOf, modelFormatOf, verificationOf } from './from-artifact';

const BODY_BYTES = 64 * 1024;

/** A registry failure as the native API answers it: 409 exists, 404 unknown, 400 invalid. */
async function native<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    if (err.kind === 'exists') throw new HttpError(409, 'conflict', err.message, err.field);
    if (err.kind === 'not_found') throw new HttpError(404, 'not_found', err.message, err.field);
    throw new HttpError(400, 'bad_request', err.message, err.field);
  }
}

function nameParam(ctx: RouteContext): string {
  const parsed = ModelName.safeParse(ctx.params.name);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `path parameter name: ${parsed.error.issues[0]?.message}`, 'name');
  return parsed.data;
}

function aliasParam(ctx: RouteContext): string {
  const parsed = AliasName.safeParse(ctx.params.alias);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `path parameter alias: ${parsed.error.issues[0]?.message}`, 'alias');
  return parsed.data;
}

async function detail(ctx: RouteContext, name: string): Promise<ModelDetailResponse> {
  const model = await ctx.services.registry.getModel(name);
  if (!model) throw notFound(`registered model "${name}"`);
  return { model, versions: await ctx.services.registry.listVersions(name) };
}

/** /api/v1/models: the model registry's native API (lib/registry/api.ts). Writes are workspace writes: students get 403. */
export const registryRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/models',
    auth: 'workspace',
    async handle(ctx) {
      const q = parseQuery(ctx.url, ModelListQuery);
      return json(200, await native(ctx.services.registry.listModels(q)));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/models/:name',
    auth: 'workspace',
    handle: async (ctx) => json(200, await detail(ctx, nameParam(ctx))),
  },
  {
    method: 'POST',
    path: '/api/v1/models/:name/versions',
    auth: 'workspace',
    async handle(ctx) {
      const name = nameParam(ctx);
      const body = await readJson(ctx.req, RegisterVersionRequest, BODY_BYTES, 'model version');
      const run = await ctx.services.runs.get(body.runId);
      if (!run) throw notFound(`run ${body.runId}`);
      const stored = await ctx.services.artifacts.get(body.artifactId);
      if (!stored || stored.artifact.runId !== body.runId) throw notFound(`artifact ${body.artifactId} of run ${body.runId}`);
      const format = modelFormatOf(stored.artifact);
      if (!format) {
        throw new HttpError(422, 'validation_failed', `artifact ${body.artifactId} (${stored.artifact.kind} "${stored.artifact.name}") is not a model file: register an .onnx export or a tfjs checkpoint`, 'artifactId');
      }
      const version = await native(
        ctx.services.registry.createVersion({
          name,
          createModel: true,
          source: benchtopSource(body.runId, body.artifactId),
          runId: body.runId,
          artifact: { runId: body.runId, artifactId: body.artifactId },
          format,
          description: body.description,
          lineage: lineageOf(run),
          verification: verificationOf(stored.artifact),
        }),
      );
      return json(201, { version });
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/models/:name/aliases/:alias',
    auth: 'workspace',
    async handle(ctx) {
      const name = nameParam(ctx);
      const alias = aliasParam(ctx);
      const { version } = await readJson(ctx.req, SetAliasRequest, REGISTRY_LIMITS.tagValueLength, 'alias');
      await native(ctx.services.registry.setAlias(name, alias, version));
      return json(200, await detail(ctx, name));
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/models/:name/aliases/:alias',
    auth: 'workspace',
    async handle(ctx) {
      const name = nameParam(ctx);
      await native(ctx.services.registry.deleteAlias(name, aliasParam(ctx)));
      return json(200, await detail(ctx, name));
    },
  },
];
