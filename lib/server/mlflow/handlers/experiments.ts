import { z } from 'zod';
import type { MlflowContext, MlflowEndpoint } from '../endpoint';
import { doesNotExist, invalidParameter, MlflowError } from '../errors';
import { DEFAULT_EXPERIMENT_ID, experimentIdOf, experimentNameOf, projectIdOf } from '../mapping';
import { EXPERIMENT_SEARCH } from '../search/schema';
import type { ProjectRecord } from '../repos/experiments';
import { experimentNotFound, requireActiveExperiment, validateExperimentName, validateTag } from '../validate';
import { experimentView } from '../views';
import { KeyValue, LIFECYCLE_OF_VIEW, maxResultsOf, parseRequest, stringList, ViewType, int64 } from '../wire';
import { searchPage, type SearchRequest } from './search';

/** Experiments are Benchtop projects (see ../mapping.ts). */

const MAX_EXPERIMENTS_PER_PAGE = 50_000;

async function experimentOf(ctx: MlflowContext, experimentId: string): Promise<ProjectRecord> {
  await ctx.repos.ensureDefault(ctx.nowMs);
  const p = await ctx.repos.experiments.get(projectIdOf(experimentId));
  if (!p) throw experimentNotFound(experimentId);
  return p;
}

const searchable = (p: ProjectRecord) => ({
  attributes: new Map<string, string | number | null>([
    ['name', experimentNameOf(p)],
    ['experiment_id', experimentIdOf(p.id)],
    ['creation_time', p.createdAt],
    ['last_update_time', p.updatedAt],
  ]),
  metrics: new Map<string, number>(),
  params: new Map<string, string>(),
  tags: p.tags,
  project: p,
});

async function searchExperiments(ctx: MlflowContext, req: SearchRequest & { view_type?: ViewType }, defaultMax: number | undefined) {
  await ctx.repos.ensureDefault(ctx.nowMs);
  const projects = await ctx.repos.experiments.list(LIFECYCLE_OF_VIEW[req.view_type ?? 'ACTIVE_ONLY']);
  const { page, nextPageToken } = searchPage(projects.map(searchable), req, {
    schema: EXPERIMENT_SEARCH,
    // Newest first, ties by experiment id, descending (MLflow's documented order).
    tiebreak: [
      { entity: 'attribute', key: 'creation_time', desc: true },
      { entity: 'attribute', key: 'experiment_id', desc: true },
    ],
    maxResults: defaultMax === undefined && req.max_results === undefined ? Number.MAX_SAFE_INTEGER : maxResultsOf(req.max_results, defaultMax ?? 1000, MAX_EXPERIMENTS_PER_PAGE),
  });
  return { experiments: page.map((x) => experimentView(x.project)), ...(nextPageToken ? { next_page_token: nextPageToken } : {}) };
}

const SearchBody = z.object({
  max_results: int64.optional(),
  page_token: z.string().optional(),
  filter: z.string().optional(),
  order_by: stringList.optional(),
  view_type: ViewType.optional(),
});

export const experimentEndpoints: MlflowEndpoint[] = [
  {
    path: 'experiments/create',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ name: z.string(), artifact_location: z.string().optional(), tags: z.array(KeyValue).optional() }), ctx.input);
      validateExperimentName(req.name);
      const tags = new Map<string, string>();
      for (const t of req.tags ?? []) {
        validateTag(t.key, t.value);
        tags.set(t.key, t.value);
      }
      await ctx.repos.ensureDefault(ctx.nowMs);
      const id = await ctx.repos.experiments.create(req.name, tags, ctx.nowMs);
      return { experiment_id: experimentIdOf(id) };
    },
  },
  {
    path: 'experiments/get',
    methods: ['GET'],
    async handle(ctx) {
      const { experiment_id } = parseRequest(z.object({ experiment_id: z.string() }), ctx.input);
      return { experiment: experimentView(await experimentOf(ctx, experiment_id)) };
    },
  },
  {
    path: 'experiments/get-by-name',
    methods: ['GET'],
    async handle(ctx) {
      const { experiment_name } = parseRequest(z.object({ experiment_name: z.string() }), ctx.input);
      await ctx.repos.ensureDefault(ctx.nowMs);
      const p = await ctx.repos.experiments.findByName(experiment_name);
      if (!p) throw doesNotExist(`Could not find experiment with name '${experiment_name}'`);
      return { experiment: experimentView(p) };
    },
  },
  {
    path: 'experiments/search',
    methods: ['POST', 'GET'],
    handle: async (ctx) => searchExperiments(ctx, parseRequest(SearchBody, ctx.input), 1000),
  },
  {
    // MLflow 1.x: every experiment in one answer unless max_results asks for pages.
    path: 'experiments/list',
    methods: ['GET'],
    handle: async (ctx) => searchExperiments(ctx, parseRequest(SearchBody.omit({ filter: true, order_by: true }), ctx.input), undefined),
  },
  {
    path: 'experiments/update',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ experiment_id: z.string(), new_name: z.string().optional() }), ctx.input);
      const p = await experimentOf(ctx, req.experiment_id);
      if (p.lifecycleStage !== 'active') throw invalidParameter(`Cannot rename a non-active experiment (experiment ${req.experiment_id} is ${p.lifecycleStage}).`);
      if (req.new_name !== undefined && req.new_name !== experimentNameOf(p)) {
        validateExperimentName(req.new_name);
        const clash = await ctx.repos.experiments.findByName(req.new_name);
        if (clash && clash.id !== p.id) throw new MlflowError('RESOURCE_ALREADY_EXISTS', `Experiment '${req.new_name}' already exists.`);
        await ctx.repos.experiments.rename(p.id, req.new_name, ctx.nowMs);
      }
      return {};
    },
  },
  {
    path: 'experiments/delete',
    methods: ['POST'],
    async handle(ctx) {
      const { experiment_id } = parseRequest(z.object({ experiment_id: z.string() }), ctx.input);
      const p = await experimentOf(ctx, experiment_id);
      // By the project it names, not the id's spelling: '0' and 'default' are the same experiment.
      if (p.id === projectIdOf(DEFAULT_EXPERIMENT_ID)) {
        throw invalidParameter(`Cannot delete the default experiment '${DEFAULT_EXPERIMENT_ID}'. This is an internal experiment and cannot be deleted.`);
      }
      if (p.lifecycleStage !== 'active') throw invalidParameter(`Experiment ${experiment_id} is already deleted.`);
      await ctx.repos.experiments.setLifecycle(p.id, 'deleted', ctx.nowMs);
      return {};
    },
  },
  {
    path: 'experiments/restore',
    methods: ['POST'],
    async handle(ctx) {
      const { experiment_id } = parseRequest(z.object({ experiment_id: z.string() }), ctx.input);
      const p = await experimentOf(ctx, experiment_id);
      if (p.lifecycleStage === 'active') throw invalidParameter(`Cannot restore an active experiment (experiment ${experiment_id} is not deleted).`);
      await ctx.repos.experiments.setLifecycle(p.id, 'active', ctx.nowMs);
      return {};
    },
  },
  {
    path: 'experiments/set-experiment-tag',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ experiment_id: z.string(), key: z.string(), value: z.string() }), ctx.input);
      const p = await experimentOf(ctx, req.experiment_id);
      requireActiveExperiment(p, req.experiment_id);
      validateTag(req.key, req.value);
      await ctx.repos.experiments.setTag(p.id, req.key, req.value);
      return {};
    },
  },
  {
    path: 'experiments/delete-experiment-tag',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ experiment_id: z.string(), key: z.string() }), ctx.input);
      const p = await experimentOf(ctx, req.experiment_id);
      requireActiveExperiment(p, req.experiment_id);
      if (!(await ctx.repos.experiments.deleteTag(p.id, req.key))) {
        throw doesNotExist(`No tag with name: ${req.key} in experiment with id ${req.experiment_id}`);
      }
      return {};
    },
  },
];
