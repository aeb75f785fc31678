import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface ShareRow {
  token: string;
  runId: string;
  createdAt: number;
  /** The link shows the run's code snapshot. */
  includeCode: boolean;
}

/** A read-only link to a report (migration 007). */
export interface ReportShareRow {
  token: string;
  reportId: string;
  createdAt: number;
}

export interface CreateShareOptions {
  runId: string;
  nowMs: number;
  includeCode: boolean;
}

/** Read-only links to a run. A token is 32 random bytes (256 bits), base64url. */
export interface SharesRepo {
  create(options: CreateShareOptions): Promise<ShareRow>;
  /**
   * Active share of this token, if any: not revoked, and its run not deleted (MLflow deletes
   * runs softly, alone or with their experiment; /api/v1 deletes cascade the share away).
   */
  resolve(token: string): Promise<ShareRow | undefined>;
  listForRun(runId: string): Promise<ShareRow[]>;
  /** true when an active share (of a run or a report) was revoked now. */
  revoke(token: string, nowMs: number): Promise<boolean>;
  createForReport(options: { reportId: string; nowMs: number }): Promise<ReportShareRow>;
  /** Active share of this token when it points at a report (which still exists). */
  resolveReport(token: string): Promise<ReportShareRow | undefined>;
  listForReport(reportId: string): Promise<ReportShareRow[]>;
}

export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sharesRepo(kysely: Kysely<Database>): SharesRepo {
  const active = () =>
    kysely
      .selectFrom('shares')
      .select(['shares.token', 'shares.run_id', 'shares.created_at', 'shares.include_code'])
      .where('shares.revoked_at', 'is', null);
  // Only run shares reach toRow: every query that feeds it matches or joins a run id.
  const toRow = (r: { token: string; run_id: string | null; created_at: number; include_code: number }): ShareRow => ({
    token: r.token,
    runId: r.run_id ?? '',
    createdAt: r.created_at,
    includeCode: r.include_code === 1,
  });
  const activeReportShares = () =>
    kysely
      .selectFrom('shares')
      .innerJoin('reports', 'reports.id', 'shares.report_id')
      .select(['shares.token', 'reports.id as report_id', 'shares.created_at'])
      .where('shares.kind', '=', 'report')
      .where('shares.revoked_at', 'is', null);
  return {
    async create({ runId, nowMs, includeCode }) {
      const token = newShareToken();
      await kysely.insertInto('shares').values({ token, run_id: runId, kind: 'run', report_id: null, created_at: nowMs, revoked_at: null, include_code: includeCode ? 1 : 0 }).execute();
      return { token, runId, createdAt: nowMs, includeCode };
    },
    async resolve(token) {
      const row = await active()
        .innerJoin('runs', 'runs.id', 'shares.run_id')
        .where('runs.lifecycle_stage', '=', 'active')
        // A soft-deleted run's links are dead until it is restored.
        .where('runs.deleted_at', 'is', null)
        .where('shares.token', '=', token)
        .executeTakeFirst();
      return row ? toRow(row) : undefined;
    },
    async listForRun(runId) {
      return (await active().where('shares.run_id', '=', runId).orderBy('shares.created_at').execute()).map(toRow);
    },
    async createForReport({ reportId, nowMs }) {
      const token = newShareToken();
      await kysely.insertInto('shares').values({ token, run_id: null, kind: 'report', report_id: reportId, created_at: nowMs, revoked_at: null, include_code: 0 }).execute();
      return { token, reportId, createdAt: nowMs };
    },
    async resolveReport(token) {
      const row = await activeReportShares().where('shares.token', '=', token).executeTakeFirst();
      return row ? { token: row.token, reportId: row.report_id, createdAt: row.created_at } : undefined;
    },
    async listForReport(reportId) {
      const rows = await activeReportShares().where('shares.report_id', '=', reportId).orderBy('shares.created_at').execute();
      return rows.map((r) => ({ token: r.token, reportId: r.report_id, createdAt: r.created_at }));
    },
    async revoke(token, nowMs) {
      const res = await kysely.updateTable('shares').set({ revoked_at: nowMs }).where('token', '=', token).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}
