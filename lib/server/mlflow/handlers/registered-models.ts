import { z } from 'zod';
import { REGISTRY_LIMITS } from '@/lib/registry/api';
import type { MlflowContext, MlflowEndpoint } from '../endpoint';
import { doesNotExist, invalidParameter } from '../errors';
import { REGISTERED_MODEL_SEARCH } from '../search/schema';
import { validateTag } from '../validate';
import { KeyValue, int64, maxResultsOf, parseRequest, stringList } from '../wire';
import { mlflowRegistry, modelVersionView, registeredModelView, searchableModel } from '../registry/views';
import { searchPage } from './search';

/** MLflow's registered-models/* (model_registry.proto, MLflow 2: aliases, no stages) over services.registry. */

const MAX_MODELS_PER_PAGE = 1000;
const Name = { name: z.string() };

export function checkDescription(description: string | undefined): void {
  if (description !== undefined && description.length > REGISTRY_LIMITS.descriptionLength) {
    throw invalidParameter(`Description is ${description.length} characters; the limit is ${REGISTRY_LIMITS.descriptionLength}.`);
  }
}

export async function modelView(ctx: MlflowContext, name: string) {
  const model = await ctx.services.registry.getModel(name);
  if (!model) throw doesNotExist(`Registered Model with name=${name} not found`);
  const latest = model.latestVersion === null ? undefined : await ctx.services.registry.getVersion(name, model.latestVersion);
  return registeredModelView(model, latest);
}

export const registeredModelEndpoints: MlflowEndpoint[] = [
  {
    path: 'registered-models/create',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Name, tags: z.array(KeyValue).optional(), description: z.string().optional() }), ctx.input);
      for (const t of req.tags ?? []) validateTag(t.key, t.value);
      checkDescription(req.description);
      const tags = Object.fromEntries((req.tags ?? []).map((t) => [t.key, t.value]));
      await mlflowRegistry(ctx.services.registry.createModel(req.name, { description: req.description, tags }));
      return { registered_model: await modelView(ctx, req.name) };
    },
  },
  {
    path: 'registered-models/get',
    methods: ['GET'],
    handle: async (ctx) => ({ registered_model: await modelView(ctx, parseRequest(z.object(Name), ctx.input).name) }),
  },
  {
    path: 'registered-models/update',
    methods: ['PATCH'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Name, description: z.string().optional() }), ctx.input);
      checkDescription(req.description);
      if (req.description !== undefined) await mlflowRegistry(ctx.services.registry.updateModel(req.name, { description: req.description }));
      return { registered_model: await modelView(ctx, req.name) };
    },
  },
  {
    path: 'registered-models/rename',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Name, new_name: z.string() }), ctx.input);
      await mlflowRegistry(ctx.services.registry.renameModel(req.name, req.new_name));
      return { registered_model: await modelView(ctx, req.new_name) };
    },
  },
  {
    path: 'registered-models/delete',
    methods: ['DELETE'],
    async handle(ctx) {
      await mlflowRegistry(ctx.services.registry.deleteModel(parseRequest(z.object(Name), ctx.input).name));
      return {};
    },
  },
  {
    path: 'registered-models/search',
    methods: ['GET'],
    async handle(ctx) {
      const req = parseRequest(
        z.object({ filter: z.string().optional(), max_results: int64.optional(), order_by: stringList.optional(), page_token: z.string().optional() }),
        ctx.input,
      );
      const { models } = await ctx.services.registry.listModels({ limit: Number.MAX_SAFE_INTEGER });
      const { page, nextPageToken } = searchPage(models.map(searchableModel), req, {
        schema: REGISTERED_MODEL_SEARCH,
        tiebreak: [{ entity: 'attribute', key: 'name', desc: false }],
        maxResults: maxResultsOf(req.max_results, 100, MAX_MODELS_PER_PAGE),
      });
      const views = await Promise.all(page.map((m) => modelView(ctx, m.model.name)));
      return { ...(views.length ? { registered_models: views } : {}), ...(nextPageToken ? { next_page_token: nextPageToken } : {}) };
    },
  },
  {
    // MLflow 2 has no stages: every version is in stage "None", so only it (or no filter) finds the latest.
    path: 'registered-models/get-latest-versions',
    methods: ['POST', 'GET'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Name, stages: stringList.optional() }), ctx.input);
      const model = await modelView(ctx, req.name);
      const wanted = !req.stages?.length || req.stages.some((s) => s.toLowerCase() === 'none');
      return wanted && model.latest_versions ? { model_versions: model.latest_versions } : {};
    },
  },
  {
    path: 'registered-models/set-tag',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Name, key: z.string(), value: z.string() }), ctx.input);
      validateTag(req.key, req.value);
      await mlflowRegistry(ctx.services.registry.setModelTag(req.name, req.key, req.value));
      return {};
    },
  },
  {
    path: 'registered-models/delete-tag',
    methods: ['DELETE'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Name, key: z.string() }), ctx.input);
      await mlflowRegistry(ctx.services.registry.deleteModelTag(req.name, req.key));
      return {};
    },
  },
  {
    // POST sets (or moves) an alias, DELETE removes it, GET reads the version it points at.
    path: 'registered-models/alias',
    methods: ['POST', 'DELETE', 'GET'],
    async handle(ctx) {
      const registry = ctx.services.registry;
      if (ctx.method === 'POST') {
        const req = parseRequest(z.object({ ...Name, alias: z.string(), version: int64 }), ctx.input);
        await mlflowRegistry(registry.setAlias(req.name, req.alias, req.version));
        return {};
      }
      const req = parseRequest(z.object({ ...Name, alias: z.string() }), ctx.input);
      if (ctx.method === 'DELETE') {
        await mlflowRegistry(registry.deleteAlias(req.name, req.alias));
        return {};
      }
      await modelView(ctx, req.name);
      const version = req.alias === 'latest' ? undefined : await registry.resolve(req.name, req.alias);
      if (!version || /^\d+$/.test(req.alias)) throw doesNotExist(`Registered model alias ${req.alias} not found.`);
      return { model_version: modelVersionView(version) };
    },
  },
];
