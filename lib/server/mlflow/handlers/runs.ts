import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Run } from '@/lib/track/schemas';
import type { MlflowContext, MlflowEndpoint } from '../endpoint';
import { invalidParameter } from '../errors';
import { checkLength, LIMITS, projectIdOf, randomRunName, statusFromMlflow, statusToMlflow, DEFAULT_EXPERIMENT_ID } from '../mapping';
import { RUN_SEARCH } from '../search/schema';
import type { Searchable } from '../search/evaluate';
import { RUN_NAME_TAG, type RunData, type RunRecord } from '../repos/runs';
import { CONTEXT_TAG, type DatasetInput } from '../repos/inputs';
import { experimentNotFound, requireActiveExperiment, requireWritable, runNotFound, validateRunTag, validateUserId } from '../validate';
import { runInfoView, runView } from '../views';
import { int64, KeyValue, LIFECYCLE_OF_VIEW, maxResultsOf, parseRequest, RunRef, runIdOf, RunStatusName, stringList, ViewType } from '../wire';
import { applySearch, compileSearch } from './search';

/** Runs: the same rows as browser runs (source 'mlflow'), so they show on /runs. */

export async function runOf(ctx: MlflowContext, runId: string, withConfig = false): Promise<RunRecord> {
  const r = await ctx.repos.runs.get(runId, withConfig);
  if (!r) throw runNotFound(runId);
  return r;
}

const MAX_RUNS_PER_PAGE = 50_000;
/**
 * Most experiment ids one runs/search may name. MLflow sets none, but each id is one SQL
 * parameter and SQLite stops at 32,766 (a 500 before this cap); a workspace has far fewer.
 */
export const MAX_SEARCH_EXPERIMENT_IDS = 1000;

const searchableRun = (r: RunRecord, d: RunData, inputs: readonly DatasetInput[] = []): Searchable & { record: RunRecord } => ({
  record: r,
  datasets: inputs.map((i) => new Map([['name', i.dataset.name], ['digest', i.dataset.digest], ...(i.tags[CONTEXT_TAG] === undefined ? [] : [['context', i.tags[CONTEXT_TAG]] as [string, string]])])),
  attributes: new Map<string, string | number | null>([
    ['run_id', r.id],
    ['run_name', r.name],
    ['status', statusToMlflow(r.status)],
    ['user_id', r.owner ?? ''],
    ['artifact_uri', runInfoView(r).artifact_uri],
    ['start_time', r.createdAt],
    ['end_time', r.finishedAt],
  ]),
  params: d.params,
  tags: d.tags,
  metrics: new Map([...d.metrics].map(([k, m]) => [k, m.value])),
});

export const runEndpoints: MlflowEndpoint[] = [
  {
    path: 'runs/create',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(
        z.object({ experiment_id: z.string().optional(), user_id: z.string().optional(), run_name: z.string().optional(), start_time: int64.optional(), tags: z.array(KeyValue).optional() }),
        ctx.input,
      );
      const experimentId = req.experiment_id || DEFAULT_EXPERIMENT_ID;
      await ctx.repos.ensureDefault(ctx.nowMs);
      const project = await ctx.repos.experiments.get(projectIdOf(experimentId));
      if (!project) throw experimentNotFound(experimentId);
      requireActiveExperiment(project, experimentId);
      const tags = new Map<string, string>();
      for (const t of req.tags ?? []) {
        validateRunTag(t.key, t.value);
        tags.set(t.key, t.value);
      }
      const tagName = tags.get(RUN_NAME_TAG);
      if (req.run_name && tagName !== undefined && tagName !== req.run_name) {
        throw invalidParameter(`Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${req.run_name}', mlflow.runName='${tagName}').`);
      }
      const name = req.run_name || tagName || randomRunName();
      checkLength('Run name', name, LIMITS.runNameLength);
      tags.set(RUN_NAME_TAG, name);
      const owner = req.user_id || tags.get('mlflow.user') || null;
      if (owner !== null) validateUserId(owner, req.user_id ? 'user_id' : 'mlflow.user');
      const startTime = req.start_time ?? ctx.nowMs;
      const run: Run = {
        id: randomUUID().replaceAll('-', ''),
        projectId: project.id,
        notebookId: null,
        name,
        status: 'running',
        statusReason: null,
        config: {},
        env: { backend: 'mlflow', adapter: null, browser: tags.get('mlflow.source.name') ?? 'MLflow client', tfjsVersion: '', seed: null },
        code: null,
        datasetFingerprint: null,
        sweepId: null,
        trialId: null,
        owner,
        tags: Object.fromEntries(tags),
        source: 'mlflow',
        summary: {},
        createdAt: startTime,
        updatedAt: ctx.nowMs,
        finishedAt: null,
      };
      await ctx.services.runs.upsert(run);
      const record = await runOf(ctx, run.id);
      return { run: runView(record, (await ctx.repos.runs.data([record])).get(run.id)!) };
    },
  },
  {
    path: 'runs/get',
    methods: ['GET'],
    async handle(ctx) {
      const runId = runIdOf(parseRequest(z.object(RunRef), ctx.input));
      const record = await runOf(ctx, runId, true);
      const inputs = (await ctx.repos.inputs.forRuns([runId])).get(runId);
      return { run: runView(record, (await ctx.repos.runs.data([record])).get(runId)!, inputs) };
    },
  },
  {
    path: 'runs/update',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, status: RunStatusName.optional(), end_time: int64.optional(), run_name: z.string().optional() }), ctx.input);
      const record = await runOf(ctx, runIdOf(req));
      requireWritable(record);
      if (req.run_name) checkLength('Run name', req.run_name, LIMITS.runNameLength);
      await ctx.repos.runs.updateInfo(
        record.id,
        { status: req.status && statusFromMlflow(req.status), finishedAt: req.end_time, name: req.run_name || undefined },
        ctx.nowMs,
      );
      return { run_info: runInfoView(await runOf(ctx, record.id)) };
    },
  },
  ...(['delete', 'restore'] as const).map(
    (action): MlflowEndpoint => ({
      path: `runs/${action}`,
      methods: ['POST'],
      async handle(ctx) {
        const record = await runOf(ctx, runIdOf(parseRequest(z.object(RunRef), ctx.input)));
        await ctx.repos.runs.setLifecycle(record.id, action === 'delete' ? 'deleted' : 'active');
        return {};
      },
    }),
  ),
  {
    path: 'runs/search',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(
        z.object({
          experiment_ids: stringList.optional(),
          filter: z.string().optional(),
          run_view_type: ViewType.optional(),
          max_results: int64.optional(),
          order_by: stringList.optional(),
          page_token: z.string().optional(),
        }),
        ctx.input,
      );
      const maxResults = maxResultsOf(req.max_results, 1000, MAX_RUNS_PER_PAGE);
      const experimentIds = new Set(req.experiment_ids ?? []);
      if (experimentIds.size > MAX_SEARCH_EXPERIMENT_IDS) {
        throw invalidParameter(`Invalid value for parameter 'experiment_ids' supplied: it names ${experimentIds.size.toLocaleString('en-US')} experiments; the limit is ${MAX_SEARCH_EXPERIMENT_IDS.toLocaleString('en-US')} per search.`);
      }
      const search = compileSearch(req, RUN_SEARCH);
      // Load only the params, tags and metrics the filter and order_by name.
      const keysOf = (entity: string) => new Set([...search.clauses, ...search.order].filter((c) => c.entity === entity).map((c) => c.key));
      const needs = { params: keysOf('param'), tags: keysOf('tag'), metrics: keysOf('metric') };
      const projectIds = [...new Set([...experimentIds].map(projectIdOf))];
      const records = await ctx.repos.runs.list(projectIds, LIFECYCLE_OF_VIEW[req.run_view_type ?? 'ACTIVE_ONLY'], needs.params.size > 0);
      const data = await ctx.repos.runs.data(records, needs);
      // Datasets are read only when the filter names one.
      const inputs = search.clauses.some((c) => c.entity === 'dataset') ? await ctx.repos.inputs.forRuns(records.map((r) => r.id)) : new Map<string, DatasetInput[]>();
      const { page, nextPageToken } = applySearch(
        records.map((r) => searchableRun(r, data.get(r.id)!, inputs.get(r.id))),
        search,
        // MLflow's default order and tiebreak: newest first, then run id.
        [
          { entity: 'attribute', key: 'start_time', desc: true },
          { entity: 'attribute', key: 'run_id', desc: false },
        ],
        maxResults,
      );
      const full = await ctx.repos.runs.byIds(page.map((p) => p.record.id));
      const pageData = await ctx.repos.runs.data(full);
      const pageInputs = await ctx.repos.inputs.forRuns(full.map((r) => r.id));
      return { runs: full.map((r) => runView(r, pageData.get(r.id)!, pageInputs.get(r.id))), ...(nextPageToken ? { next_page_token: nextPageToken } : {}) };
    },
  },
];
