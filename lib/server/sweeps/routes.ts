import { z } from 'zod';
import { API_LIMITS } from '@/lib/track/api';
import { CreateSweepRequest, FinishRequest, LeaseRequest, RenewRequest, ReportRequest, StopSweepRequest, SweepIdSchema } from '@/lib/sweep/api';
import { SweepSpecError } from '@/lib/sweep/parse';
import { SweepStateError } from '@/lib/sweep/sweep-state';
import { parseWith, queryObject, readJson } from '../http/body';
import { HttpError, json, notFound } from '../http/errors';
import type { Route, RouteContext } from '../http/router';
import { requireRunWriter, requireSweepMember } from '../classroom/scope';
import { SweepNotFoundError, type SweepsRepo } from './repo';

/**
 * `/api/v1/sweeps` (contract in lib/sweep/api.ts). Thin: parse → call the repo → respond. Agent
 * routes answer 200 with what the agent should do (a trial, wait, done, continue, stop), so an
 * agent never has to tell a refusal apart from an error: errors are bad input or a missing sweep.
 */

/** The sweep spec's body may carry a notebook's code: more room than other small requests. */
const CREATE_SWEEP_BYTES = API_LIMITS.runBytes;
const AGENT_REQUEST_BYTES = API_LIMITS.smallJsonBytes;

function sweepIdOf(ctx: RouteContext): string {
  const parsed = SweepIdSchema.safeParse(ctx.params.sweepId);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `path parameter sweepId: ${parsed.error.issues[0]?.message}`, 'sweepId');
  return parsed.data;
}

/** Domain errors as HTTP answers; anything else is the router's 500. */
async function answer<T>(work: () => Promise<T>, status = 200): Promise<Response> {
  try {
    return json(status, await work());
  } catch (error) {
    if (error instanceof SweepNotFoundError) throw notFound(`sweep ${error.sweepId}`);
    if (error instanceof SweepSpecError) {
      const first = error.errors[0];
      throw new HttpError(422, 'validation_failed', error.message, first?.path ? `spec.${first.path}` : 'spec');
    }
    if (error instanceof SweepStateError) throw new HttpError(404, 'not_found', error.message, 'trialId');
    throw error;
  }
}

const ListQuery = z.object({
  projectId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

type Action = 'lease' | 'renew' | 'report' | 'finish';
/**
 * Agent routes admit a class's students for that class's sweeps; the runs their trials produce
 * are theirs (stamped by PUT /runs), so a link may not name someone else's run.
 */
const agentRoute = <S extends z.ZodType>(action: Action, schema: S, run: (repo: SweepsRepo, sweepId: string, body: z.output<S>) => Promise<unknown>): Route => ({
  method: 'POST',
  path: `/api/v1/sweeps/:sweepId/${action}`,
  auth: 'class',
  async handle(ctx) {
    const sweepId = sweepIdOf(ctx);
    const body = await readJson(ctx.req, schema, AGENT_REQUEST_BYTES, `${action} request`);
    await requireSweepMember(ctx, sweepId);
    const runId = (body as { runId?: unknown }).runId;
    if (ctx.student && typeof runId === 'string' && (await ctx.services.runs.exists(runId))) await requireRunWriter(ctx, runId, 'credit sweep trials with');
    return answer(() => run(ctx.services.sweeps, sweepId, body));
  },
});

export const sweepRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/sweeps',
    auth: 'workspace',
    async handle(ctx) {
      const body = await readJson(ctx.req, CreateSweepRequest, CREATE_SWEEP_BYTES, 'sweep');
      if (body.classId !== null && !(await ctx.services.classroom.repo.getClass(body.classId))) {
        throw new HttpError(422, 'validation_failed', `class ${body.classId} does not exist`, 'classId');
      }
      return answer(async () => ({ sweep: await ctx.services.sweeps.create(body) }), 201);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/sweeps',
    auth: 'workspace',
    async handle(ctx) {
      const query = parseWith(ListQuery, queryObject(ctx.url), 'query', 400);
      return answer(async () => ({ sweeps: await ctx.services.sweeps.list(query) }));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/sweeps/:sweepId',
    auth: 'class',
    async handle(ctx) {
      const sweepId = sweepIdOf(ctx);
      await requireSweepMember(ctx, sweepId);
      return answer(async () => {
        const sweep = await ctx.services.sweeps.get(sweepId);
        if (!sweep) throw new SweepNotFoundError(sweepId);
        return { sweep };
      });
    },
  },
  {
    method: 'POST',
    path: '/api/v1/sweeps/:sweepId/stop',
    auth: 'workspace',
    async handle(ctx) {
      const sweepId = sweepIdOf(ctx);
      const body = await readJson(ctx.req, StopSweepRequest, AGENT_REQUEST_BYTES, 'stop request');
      return answer(async () => ({ sweep: await ctx.services.sweeps.stop(sweepId, body.reason) }));
    },
  },
  agentRoute('lease', LeaseRequest, (repo, id, body) => repo.lease(id, body.agentId)),
  agentRoute('renew', RenewRequest, (repo, id, body) => repo.renew(id, body)),
  agentRoute('report', ReportRequest, (repo, id, body) => repo.report(id, body)),
  agentRoute('finish', FinishRequest, (repo, id, body) => repo.finish(id, body)),
];
