/** The reports table as Kysely sees it (migration 007_reports); `Database` includes it. */
export interface ReportsTable {
  id: string;
  title: string;
  /** JSON array of ReportBlock (lib/track/reports.ts). */
  body: string;
  /** JSON RunSet: {ids, filter?}, the run set as a saved query. */
  run_set: string;
  created_at: number;
  updated_at: number;
}

export interface ReportTables {
  reports: ReportsTable;
}
