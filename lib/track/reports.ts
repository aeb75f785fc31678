import { z } from 'zod';
import { IdSchema } from './schemas';
import { CompareRun } from './compare/compare-run';
import { RunSet } from './compare/compare-url';
import { SMOOTHING_MAX } from './compare/smoothing';
import { XAxisMode } from './compare/x-axis';
import { ShareToken } from './api';

/**
 * Reports (issue 13): a saved comparison. A title, blocks of markdown (with KaTeX math) and chart
 * panels in order, and the run set as a saved query (explicit ids and/or a filter). Served by
 * `/api/v1/reports[/:id]`, shown at `/reports/[id]`, and read-only through a share link.
 */
export const REPORT_LIMITS = {
  titleChars: 200,
  /** One markdown block (a page of notes). */
  markdownChars: 20_000,
  blocks: 100,
  /** A whole report request body (256 KiB). */
  bodyBytes: 262_144,
  /** Reports one list answer carries (newest first). */
  listMax: 500,
} as const;

export const MarkdownBlock = z.strictObject({
  kind: z.literal('markdown'),
  text: z.string().max(REPORT_LIMITS.markdownChars, `a markdown block is at most ${REPORT_LIMITS.markdownChars.toLocaleString('en-US')} characters`),
});
export const ChartBlock = z.strictObject({
  kind: z.literal('chart'),
  metric: z.string().min(1).max(250),
  x: XAxisMode,
  smoothing: z.number().min(0).max(SMOOTHING_MAX),
  logY: z.boolean(),
});
export const ReportBlock = z.discriminatedUnion('kind', [MarkdownBlock, ChartBlock]);
export type ReportBlock = z.infer<typeof ReportBlock>;

/** What a client sends to create or replace a report. */
export const ReportInput = z.strictObject({
  title: z.string().trim().min(1, 'a report needs a title').max(REPORT_LIMITS.titleChars, `a title is at most ${REPORT_LIMITS.titleChars} characters`),
  blocks: z.array(ReportBlock).max(REPORT_LIMITS.blocks, `a report has at most ${REPORT_LIMITS.blocks} blocks`),
  runs: RunSet.refine((s) => s.ids.length > 0 || (s.filter ?? '').trim() !== '', 'a report needs runs: ids or a filter'),
});
export type ReportInput = z.input<typeof ReportInput>;

export const Report = z.object({
  id: IdSchema,
  title: z.string(),
  blocks: z.array(ReportBlock),
  runs: RunSet,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Report = z.infer<typeof Report>;

export const ReportResponse = z.object({ report: Report });
export const ReportSummary = Report.pick({ id: true, title: true, createdAt: true, updatedAt: true });
export const ReportListResponse = z.object({ reports: z.array(ReportSummary) });

/** A read-only link to a report (revocable with DELETE /api/v1/shares/:token, like a run's). */
export const ReportShare = z.object({ token: ShareToken, reportId: IdSchema, createdAt: z.number(), path: z.string() });
export type ReportShare = z.infer<typeof ReportShare>;
export const ReportShareResponse = z.object({ share: ReportShare });
export const ReportShareListResponse = z.object({ shares: z.array(ReportShare) });

/** GET /api/v1/shares/:token/report — the report and its runs as they are now. */
export const SharedReportResponse = z.object({ report: Report, runs: z.array(CompareRun) });
