import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CreateSweepRequest, LeaseResponse, SweepRecordJson, SweepSummary, TrialRunLink } from '@/lib/sweep/api';
import { leaseLostReason, leaseTrial, renewLease, type RenewResult } from '@/lib/sweep/lease';
import { parseSweepSource, SweepSpecError, validateSweepConfig } from '@/lib/sweep/parse';
import { sweepStateFromJSON, sweepStateToJSON } from '@/lib/sweep/state-json';
import { summarizeSweep } from '@/lib/sweep/summary';
import { createSweepState, findTrial, type SweepState } from '@/lib/sweep/sweep-state';
import { finishTrial, reportMetric, stopSweep, type FinishResult, type FinishStatus, type ReportResult } from '@/lib/sweep/trial-events';
import type { Db } from '../db/connect';
import { readableRows } from '../list-rows';
import { withLockedSweep } from './lock';
import type { SweepsTable, SweepTrialRunsTable } from './tables';

/**
 * Sweeps on the server: every state change is a pure transition from lib/sweep applied to the
 * row's state inside withLockedSweep (read → apply → write in one transaction), so the lease
 * rules hold however many agents and app instances call at once. Times come from the server
 * side only (the database's clock on PostgreSQL, see lock.ts), so agents with wrong clocks cannot
 * extend or shorten leases.
 */

export class SweepNotFoundError extends Error {
  constructor(readonly sweepId: string) {
    super(`sweep ${sweepId} not found`);
  }
}

export type CreateSweepInput = z.output<typeof CreateSweepRequest>;

export interface SweepsRepo {
  create(input: CreateSweepInput): Promise<SweepRecordJson>;
  get(sweepId: string): Promise<SweepRecordJson | undefined>;
  list(options: { projectId?: string; limit?: number }): Promise<SweepSummary[]>;
  stop(sweepId: string, reason?: string): Promise<SweepRecordJson>;
  lease(sweepId: string, agentId: string): Promise<LeaseResponse>;
  renew(sweepId: string, input: { agentId: string; trialId: string }): Promise<RenewResult>;
  report(sweepId: string, input: { agentId: string; trialId: string; epoch: number; value: number; runId?: string }): Promise<ReportResult>;
  finish(sweepId: string, input: { agentId: string; trialId: string; status: FinishStatus; metric?: number | null; reason?: string; runId?: string }): Promise<FinishResult>;
}

const newSweepId = () => `sw-${randomBytes(9).toString('base64url')}`;

function specOf(input: CreateSweepInput) {
  const result = typeof input.spec === 'string' ? parseSweepSource(input.spec) : validateSweepConfig(input.spec);
  if (!result.ok) throw new SweepSpecError(result.errors);
  return result.spec;
}

function recordJson(row: SweepsTable, links: SweepTrialRunsTable[]): SweepRecordJson & { classId: string | null } {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    origin: 'server',
    status: row.status as SweepRecordJson['status'],
    reason: row.reason,
    specSource: row.spec,
    state: JSON.parse(row.state),
    code: row.code === null ? null : JSON.parse(row.code),
    functionName: row.function_name,
    notebookId: row.notebook_id,
    leaseMs: row.lease_ms,
    classId: row.class_id,
    runs: links.map((l): TrialRunLink => ({ trialId: l.trial_id, runId: l.run_id, agentId: l.agent_id, attempt: l.attempt, createdAt: l.created_at })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface SweepsRepoOptions {
  /** This process's clock; leases use the database's where it has one shared by every instance (lock.ts). */
  processNowMs?: () => number;
}

export function sweepsRepo(db: Db, { processNowMs = Date.now }: SweepsRepoOptions = {}): SweepsRepo {
  const { kysely } = db;

  /**
   * Applies `step` to the sweep's state under its lock and saves the state if it changed. A
   * `link` records which run the request's trial attempt produced (idempotent).
   */
  async function mutate<R>(sweepId: string, step: (state: SweepState, nowMs: number, leaseMs: number) => { state: SweepState; result: R; link?: { trialId: string; runId?: string; agentId: string } }): Promise<R> {
    return withLockedSweep({ db, sweepId, processNowMs }, async ({ tx, row, nowMs }) => {
      if (!row) throw new SweepNotFoundError(sweepId);
      const state = sweepStateFromJSON(JSON.parse(row.state));
      const { state: next, result, link } = step(state, nowMs, row.lease_ms);
      const text = JSON.stringify(sweepStateToJSON(next));
      if (text !== row.state) {
        await tx.updateTable('sweeps').set({ state: text, status: next.status, reason: next.reason, updated_at: nowMs }).where('id', '=', sweepId).execute();
      }
      if (link?.runId) {
        const attempt = findTrial(next, link.trialId).attempt;
        await tx
          .insertInto('sweep_trial_runs')
          .values({ sweep_id: sweepId, trial_id: link.trialId, run_id: link.runId, agent_id: link.agentId, attempt, created_at: nowMs })
          .onConflict((oc) => oc.columns(['sweep_id', 'trial_id', 'run_id']).doNothing())
          .execute();
      }
      return result;
    });
  }

  async function get(sweepId: string): Promise<SweepRecordJson | undefined> {
    const row = await kysely.selectFrom('sweeps').selectAll().where('id', '=', sweepId).executeTakeFirst();
    if (!row) return undefined;
    const links = await kysely.selectFrom('sweep_trial_runs').selectAll().where('sweep_id', '=', sweepId).orderBy('created_at').execute();
    return recordJson(row, links);
  }

  return {
    async create(input) {
      const spec = specOf(input);
      const state = createSweepState({ spec, seed: input.seed });
      const now = Date.now();
      const row: SweepsTable = {
        id: newSweepId(),
        project_id: input.projectId,
        name: input.name ?? spec.name ?? null,
        status: state.status,
        reason: null,
        spec: input.specSource ?? (typeof input.spec === 'string' ? input.spec : JSON.stringify(input.spec, null, 2)),
        state: JSON.stringify(sweepStateToJSON(state)),
        code: input.code ? JSON.stringify(input.code) : null,
        function_name: input.functionName,
        notebook_id: input.notebookId,
        lease_ms: input.leaseMs,
        class_id: input.classId,
        created_at: now,
        updated_at: now,
      };
      await kysely.insertInto('sweeps').values(row).execute();
      return recordJson(row, []);
    },

    get,

    async list({ projectId, limit = 200 }) {
      let query = kysely.selectFrom('sweeps').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
      if (projectId) query = query.where('project_id', '=', projectId);
      const rows = await query.execute();
      return readableRows(
        rows,
        (row) => {
          const { state, ...record } = recordJson(row, []);
          return summarizeSweep(record, sweepStateFromJSON(state));
        },
        'sweep',
      );
    },

    async stop(sweepId, reason) {
      await mutate(sweepId, (state) => ({ state: stopSweep(state, reason), result: null }));
      return (await get(sweepId))!;
    },

    lease: (sweepId, agentId) =>
      mutate(sweepId, (state, nowMs, leaseMs): { state: SweepState; result: LeaseResponse } => {
        const { state: next, result } = leaseTrial(state, agentId, nowMs, leaseMs);
        if (result.kind !== 'trial') return { state: next, result };
        const metric = next.spec.metric ? { name: next.spec.metric.name, goal: next.spec.metric.goal } : null;
        return { state: next, result: { ...result, leaseMs, metric } };
      }),

    renew: (sweepId, { agentId, trialId }) => mutate(sweepId, (state, nowMs, leaseMs) => renewLease(state, { trialId, agentId, nowMs, leaseMs })),

    report: (sweepId, input) =>
      mutate(sweepId, (state, nowMs, leaseMs) => {
        // Only the lease holder's run belongs to the trial; a lost agent's report is refused anyway.
        const holds = leaseLostReason(findTrial(state, input.trialId), input.agentId) === null;
        return {
          ...reportMetric(state, { trialId: input.trialId, epoch: input.epoch, value: input.value, agentId: input.agentId, nowMs, leaseMs }),
          link: holds ? { trialId: input.trialId, runId: input.runId, agentId: input.agentId } : undefined,
        };
      }),

    finish: (sweepId, input) =>
      mutate(sweepId, (state) => {
        const update = finishTrial(state, { trialId: input.trialId, status: input.status, metric: input.metric, agentId: input.agentId, reason: input.reason });
        // A refused (late or foreign) result links no run: the trial's runs are the counted ones.
        return { ...update, link: update.result.accepted ? { trialId: input.trialId, runId: input.runId, agentId: input.agentId } : undefined };
      }),
  };
}
