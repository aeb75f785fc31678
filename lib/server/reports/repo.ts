import type { Kysely } from 'kysely';
import { newRunId } from '@/lib/track/ids';
import { Report, REPORT_LIMITS, type ReportBlock } from '@/lib/track/reports';
import type { RunSet } from '@/lib/track/compare/compare-url';
import type { Database } from '../db/schema';
import type { ReportsTable } from './tables';

export interface ReportFields {
  title: string;
  blocks: ReportBlock[];
  runs: RunSet;
}

/** Saved comparisons: one row each, blocks and run set as JSON text. */
export interface ReportsRepo {
  create(fields: ReportFields, nowMs: number): Promise<Report>;
  get(id: string): Promise<Report | undefined>;
  /** Newest first (by last change), at most REPORT_LIMITS.listMax. */
  list(): Promise<Pick<Report, 'id' | 'title' | 'createdAt' | 'updatedAt'>[]>;
  /** The updated report, or undefined when there is none with this id. */
  replace(id: string, fields: ReportFields, nowMs: number): Promise<Report | undefined>;
  /** true when a report was deleted (its share links go with it, by cascade). */
  delete(id: string): Promise<boolean>;
}

const toReport = (r: ReportsTable): Report =>
  Report.parse({ id: r.id, title: r.title, blocks: JSON.parse(r.body), runs: JSON.parse(r.run_set), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) });

export function reportsRepo(kysely: Kysely<Database>): ReportsRepo {
  return {
    async create(fields, nowMs) {
      const row: ReportsTable = { id: newRunId(nowMs), title: fields.title, body: JSON.stringify(fields.blocks), run_set: JSON.stringify(fields.runs), created_at: nowMs, updated_at: nowMs };
      await kysely.insertInto('reports').values(row).execute();
      return toReport(row);
    },
    async get(id) {
      const row = await kysely.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toReport(row) : undefined;
    },
    async list() {
      const rows = await kysely.selectFrom('reports').select(['id', 'title', 'created_at', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(REPORT_LIMITS.listMax).execute();
      return rows.map((r) => ({ id: r.id, title: r.title, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) }));
    },
    async replace(id, fields, nowMs) {
      const res = await kysely
        .updateTable('reports')
        .set({ title: fields.title, body: JSON.stringify(fields.blocks), run_set: JSON.stringify(fields.runs), updated_at: nowMs })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0 ? this.get(id) : undefined;
    },
    async delete(id) {
      const res = await kysely.deleteFrom('reports').where('id', '=', id).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },
  };
}
