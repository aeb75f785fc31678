import type { Kysely } from 'kysely';
import { listParams, type ListParamValue } from '@/lib/track/run-list';
import { fromWireNumber, type WireNumber } from '@/lib/track/wire-number';
import type { Database } from '../db/schema';

/** Rows per INSERT (5 values each keeps far inside both databases' parameter limits). */
const CHUNK = 200;

/**
 * Rewrites a run's rows in run_param_values (from its config) and run_metrics (from its wire
 * summary), inside the caller's transaction. Called wherever runs.config or runs.summary is
 * written (runsRepo.upsert, the MLflow params and summary writers) so filters see what lists show.
 */
export async function indexRunValues(
  db: Kysely<Database>,
  runId: string,
  values: { config?: Record<string, unknown>; wireSummary?: Record<string, unknown> },
): Promise<void> {
  if (values.config !== undefined) {
    await db.deleteFrom('run_param_values').where('run_id', '=', runId).execute();
    const rows = Object.entries(listParams(values.config)).map(([key, v]) => ({ run_id: runId, key, ...paramColumns(v) }));
    for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('run_param_values').values(rows.slice(i, i + CHUNK)).execute();
  }
  if (values.wireSummary !== undefined) {
    await db.deleteFrom('run_metrics').where('run_id', '=', runId).execute();
    const rows = Object.entries(values.wireSummary).flatMap(([key, s]) => {
      if (s === null || typeof s !== 'object') return [];
      const { last, min, max } = s as Record<string, unknown>;
      return [{ run_id: runId, key, last_value: stored(last), min_value: stored(min), max_value: stored(max) }];
    });
    for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('run_metrics').values(rows.slice(i, i + CHUNK)).execute();
  }
}

/** The row columns of one param value. */
export function paramColumns(v: ListParamValue): { kind: string; text_value: string; num_value: number | null } {
  if (typeof v === 'number') return { kind: 'n', text_value: String(v), num_value: v };
  if (typeof v === 'boolean') return { kind: 'b', text_value: String(v), num_value: null };
  if (v === null) return { kind: 'z', text_value: 'null', num_value: null };
  return { kind: 's', text_value: v, num_value: null };
}

/** A param row back as its value. */
export function paramValue(kind: string, text: string, num: number | null): ListParamValue {
  if (kind === 'n') return num === null ? Number(text) : Number(num);
  if (kind === 'b') return text === 'true';
  if (kind === 'z') return null;
  return text;
}

/** A wire number as the metric tables store it: NaN (and anything unreadable) as NULL. */
function stored(v: unknown): number | null {
  if (typeof v !== 'number' && v !== 'NaN' && v !== 'Infinity' && v !== '-Infinity') return null;
  const n = fromWireNumber(v as WireNumber);
  return Number.isNaN(n) ? null : n;
}
