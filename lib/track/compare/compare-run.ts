import { z } from 'zod';
import { IdSchema, RunStatus, type Run } from '../schemas';
import { ListParamValue, listParams } from '../run-list';
import { WireNumberSchema } from '../wire-number';

/** A metric's summary as the compare plots use it (wire numbers: NaN/±Infinity as tokens). */
export const CompareMetric = z.object({ last: WireNumberSchema, min: WireNumberSchema, max: WireNumberSchema });

/**
 * One run of a comparison: what the legend, the config diff and the run-set plots need, and the
 * keys of its metrics (whose histories the charts read separately). Shared by the compare view
 * (built from the workspace API) and a report's share link (sent by the server).
 */
export const CompareRun = z.object({
  id: IdSchema,
  name: z.string(),
  status: RunStatus,
  createdAt: z.number(),
  /** The config's scalar leaves by dotted path (`listParams`). */
  params: z.record(z.string(), ListParamValue),
  /** Per metric key: last/min/max, from the server's metric series. */
  metrics: z.record(z.string(), CompareMetric),
});
export type CompareRun = z.output<typeof CompareRun>;

/** A CompareRun from a run and its metric keys' summaries. */
export function compareRunOf(run: Pick<Run, 'id' | 'name' | 'status' | 'createdAt' | 'config'>, keys: readonly { key: string; last: unknown; min: unknown; max: unknown }[]): z.input<typeof CompareRun> {
  const metrics: z.input<typeof CompareRun>['metrics'] = {};
  for (const k of keys) metrics[k.key] = { last: k.last, min: k.min, max: k.max } as z.input<typeof CompareMetric>;
  return { id: run.id, name: run.name || run.id, status: run.status, createdAt: run.createdAt, params: listParams(run.config), metrics };
}
