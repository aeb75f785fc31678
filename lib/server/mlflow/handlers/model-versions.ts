import { z } from 'zod';
import type { MlflowContext, MlflowEndpoint } from '../endpoint';
import { doesNotExist, invalidParameter } from '../errors';
import { MODEL_VERSION_SEARCH } from '../search/schema';
import { validateTag } from '../validate';
import { KeyValue, int64, maxResultsOf, parseRequest, stringList } from '../wire';
import { mlflowRegistry, modelVersionView, searchableVersion } from '../registry/views';
import { downloadUriOf } from '../registry/source';
import { versionFromMlflowSource } from '../registry/register-source';
import { checkDescription } from './registered-models';
import { searchPage } from './search';

/** MLflow's model-versions/* over services.registry; a version made here gets its run's lineage. */

const MAX_VERSIONS_PER_PAGE = 10_000;
const MAX_SOURCE_CHARS = 5000;
const Ref = { name: z.string(), version: int64 };

async function versionOf(ctx: MlflowContext, name: string, version: number) {
  const v = await ctx.services.registry.getVersion(name, version);
  if (!v) {
    if (!(await ctx.services.registry.getModel(name))) throw doesNotExist(`Registered Model with name=${name} not found`);
    throw doesNotExist(`Model Version (name=${name}, version=${version}) not found`);
  }
  return v;
}

export const modelVersionEndpoints: MlflowEndpoint[] = [
  {
    path: 'model-versions/create',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(
        z.object({ name: z.string(), source: z.string(), run_id: z.string().optional(), tags: z.array(KeyValue).optional(), run_link: z.string().optional(), description: z.string().optional() }),
        ctx.input,
      );
      if (req.source.trim() === '') throw invalidParameter("Missing value for required parameter 'source'. See the API docs for more information about request parameters.");
      if (req.source.length > MAX_SOURCE_CHARS) throw invalidParameter(`Source is ${req.source.length} characters; the limit is ${MAX_SOURCE_CHARS}.`);
      for (const t of req.tags ?? []) validateTag(t.key, t.value);
      checkDescription(req.description);
      if (!(await ctx.services.registry.getModel(req.name))) throw doesNotExist(`Registered Model with name=${req.name} not found`);
      const found = await versionFromMlflowSource(ctx.services, req.source, req.run_id || null);
      const version = await mlflowRegistry(
        ctx.services.registry.createVersion({
          name: req.name,
          source: req.source,
          ...found,
          description: req.description,
          tags: Object.fromEntries((req.tags ?? []).map((t) => [t.key, t.value])),
        }),
      );
      return { model_version: modelVersionView(version) };
    },
  },
  {
    path: 'model-versions/get',
    methods: ['GET'],
    async handle(ctx) {
      const req = parseRequest(z.object(Ref), ctx.input);
      return { model_version: modelVersionView(await versionOf(ctx, req.name, req.version)) };
    },
  },
  {
    path: 'model-versions/update',
    methods: ['PATCH'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Ref, description: z.string().optional() }), ctx.input);
      checkDescription(req.description);
      const v = req.description === undefined ? await versionOf(ctx, req.name, req.version) : await mlflowRegistry(ctx.services.registry.updateVersion(req.name, req.version, { description: req.description }));
      return { model_version: modelVersionView(v) };
    },
  },
  {
    path: 'model-versions/delete',
    methods: ['DELETE'],
    async handle(ctx) {
      const req = parseRequest(z.object(Ref), ctx.input);
      await mlflowRegistry(ctx.services.registry.deleteVersion(req.name, req.version));
      return {};
    },
  },
  {
    path: 'model-versions/search',
    methods: ['GET'],
    async handle(ctx) {
      const req = parseRequest(
        z.object({ filter: z.string().optional(), max_results: int64.optional(), order_by: stringList.optional(), page_token: z.string().optional() }),
        ctx.input,
      );
      const { versions } = await ctx.services.registry.searchVersions({ limit: Number.MAX_SAFE_INTEGER });
      const { page, nextPageToken } = searchPage(versions.map(searchableVersion), req, {
        schema: MODEL_VERSION_SEARCH,
        tiebreak: [
          { entity: 'attribute', key: 'name', desc: false },
          { entity: 'attribute', key: 'version_number', desc: true },
        ],
        maxResults: maxResultsOf(req.max_results, MAX_VERSIONS_PER_PAGE, MAX_VERSIONS_PER_PAGE),
      });
      return { ...(page.length ? { model_versions: page.map((v) => modelVersionView(v.version)) } : {}), ...(nextPageToken ? { next_page_token: nextPageToken } : {}) };
    },
  },
  {
    path: 'model-versions/get-download-uri',
    methods: ['GET'],
    async handle(ctx) {
      const req = parseRequest(z.object(Ref), ctx.input);
      const v = await versionOf(ctx, req.name, req.version);
      return { artifact_uri: await downloadUriOf(ctx.services, v.source, v.runId) };
    },
  },
  {
    path: 'model-versions/set-tag',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Ref, key: z.string(), value: z.string() }), ctx.input);
      validateTag(req.key, req.value);
      await mlflowRegistry(ctx.services.registry.setVersionTag(req.name, req.version, req.key, req.value));
      return {};
    },
  },
  {
    path: 'model-versions/delete-tag',
    methods: ['DELETE'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...Ref, key: z.string() }), ctx.input);
      await mlflowRegistry(ctx.services.registry.deleteVersionTag(req.name, req.version, req.key));
      return {};
    },
  },
  {
    // Stages are MLflow 1's; this server follows MLflow 2 (aliases). Said plainly rather than 404.
    path: 'model-versions/transition-stage',
    methods: ['POST'],
    async handle() {
      throw invalidParameter('Model stages are not supported on this server (MLflow 2 semantics): set an alias instead, e.g. POST registered-models/alias {name, alias: "champion", version}.');
    },
  },
];
