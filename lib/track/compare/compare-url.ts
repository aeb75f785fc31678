import { z } from 'zod';
import { IdSchema } from '../schemas';
import { SMOOTHING_MAX } from './smoothing';
import { XAxisMode } from './x-axis';

/** Most runs one compare view (or report) overlays: 100 runs × N metrics is already 100·N fetches. */
export const COMPARE_MAX_RUNS = 100;
/** Longest filter expression kept in a URL or report. */
export const COMPARE_MAX_FILTER_CHARS = 2_000;

/** Which runs a compare view or report shows: explicit ids, or a filter over the server's runs. */
export const RunSet = z.strictObject({
  ids: z.array(IdSchema).max(COMPARE_MAX_RUNS, `at most ${COMPARE_MAX_RUNS} runs`).default([]),
  filter: z.string().max(COMPARE_MAX_FILTER_CHARS, `a filter is at most ${COMPARE_MAX_FILTER_CHARS} characters`).optional(),
});
export type RunSet = z.infer<typeof RunSet>;

/** How the charts are drawn (shared by the compare view's URL and a report's chart blocks). */
export interface ChartSettings {
  x: XAxisMode;
  smoothing: number;
  logY: boolean;
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = { x: 'step', smoothing: 0.6, logY: false };

export interface CompareUrlState extends ChartSettings {
  runs: RunSet;
  /** Show every config key in the diff, not only the differing ones. */
  allParams: boolean;
  /** A param key: runs with the same value are drawn as one mean line with a min–max band. */
  groupBy?: string;
}

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The compare view's state from its URL (`/compare?runs=a,b&smoothing=0.8&x=time&log=1`), so a
 * view can be linked to. Malformed parts fall back to defaults rather than failing the page;
 * unknown or invalid ids are dropped here and reported by the view as missing runs.
 */
export function parseCompareQuery(query: Query): CompareUrlState {
  const ids = [...new Set((one(query.runs) ?? '').split(',').map((s) => s.trim()).filter((s) => IdSchema.safeParse(s).success))].slice(0, COMPARE_MAX_RUNS);
  const filter = one(query.filter)?.slice(0, COMPARE_MAX_FILTER_CHARS) || undefined;
  const smoothing = Number(one(query.smoothing));
  const x = XAxisMode.safeParse(one(query.x));
  return {
    runs: { ids, filter },
    smoothing: Number.isFinite(smoothing) && one(query.smoothing) !== '' ? Math.min(SMOOTHING_MAX, Math.max(0, smoothing)) : DEFAULT_CHART_SETTINGS.smoothing,
    x: x.success ? x.data : DEFAULT_CHART_SETTINGS.x,
    logY: one(query.log) === '1',
    allParams: one(query.all) === '1',
    groupBy: one(query.group)?.slice(0, 250) || undefined,
  };
}

/** The query string of a compare view state; defaults are left out to keep links short. */
export function compareQueryString(state: CompareUrlState): string {
  const q = new URLSearchParams();
  if (state.runs.ids.length) q.set('runs', state.runs.ids.join(','));
  if (state.runs.filter) q.set('filter', state.runs.filter);
  if (state.smoothing !== DEFAULT_CHART_SETTINGS.smoothing) q.set('smoothing', String(state.smoothing));
  if (state.x !== DEFAULT_CHART_SETTINGS.x) q.set('x', state.x);
  if (state.logY) q.set('log', '1');
  if (state.allParams) q.set('all', '1');
  if (state.groupBy) q.set('group', state.groupBy);
  return q.toString();
}

/**
 * Points asked per run and metric: about 20,000 in a chart in all, at most 1,000 per run (one per
 * pixel) and at least 100. The server downsamples to this, so 100 runs of 100k points each draw
 * 200 buckets per run and the tab stays responsive.
 */
export function pointsPerRun(runCount: number): number {
  return Math.max(100, Math.min(1_000, Math.floor(20_000 / Math.max(1, runCount))));
}
