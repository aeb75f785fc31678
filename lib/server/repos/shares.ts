import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface ShareRow {
  token: string;
  runId: string;
  createdAt: number;
}

/** Read-only links to a run. A token is 32 random bytes (256 bits), base64url. */
export interface SharesRepo {
  create(runId: string, nowMs: number): Promise<ShareRow>;
  /** Active (not revoked) share of this token, if any. */
  resolve(token: string): Promise<ShareRow | undefined>;
  listForRun(runId: string): Promise<ShareRow[]>;
  /** true when an active share was revoked now. */
  revoke(token: string, nowMs: number): Promise<boolean>;
}

export function newShareToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sharesRepo(kysely: Kysely<Database>): SharesRepo {
  const active = () => kysely.selectFrom('shares').select(['token', 'run_id', 'created_at']).where('revoked_at', 'is', null);
  const toRow = (r: { token: string; run_id: string; created_at: number }): ShareRow => ({ token: r.token, runId: r.run_id, createdAt: r.created_at });
  return {
    async create(runId, nowMs) {
      const token = newShareToken();
      await kysely.insertInto('shares').values({ token, run_id: runId, created_at: nowMs, revoked_at: null }).execute();
      return { token, runId, createdAt: nowMs };
    },
    async resolve(token) {
      const row = await active().where('token', '=', token).executeTakeFirst();
      return row ? toRow(row) : undefined;
    },
    async listForRun(runId) {
      return (await active().where('run_id', '=', runId).orderBy('created_at').execute()).map(toRow);
    },
    async revoke(token, nowMs) {
      const res = await kysely.updateTable('shares').set({ revoked_at: nowMs }).where('token', '=', token).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}
