import { sql, type Kysely } from 'kysely';
import { fieldText, type RunField } from '@/lib/track/run-filter';
import type { RunColumns, WireRunRow } from '@/lib/track/run-query';
import type { Database } from '../db/schema';
import type { RunQueryPlan } from './plan';
import { queryRuns } from './query';
import { rowColumnsOf } from './rows';

/** Rows read per page while exporting (each page is one index range, as in the table). */
const EXPORT_PAGE = 500;

const encoder = new TextEncoder();

/** A stream of text chunks from an async generator; pull-driven, so a slow client slows the reads. */
function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

async function* allRows(db: Kysely<Database>, plan: RunQueryPlan, fields: RunField[] | undefined): AsyncGenerator<WireRunRow[]> {
  let cursor: string | undefined;
  const columns = rowColumnsOf(fields);
  do {
    const page = await queryRuns(db, plan, { cursor, limit: EXPORT_PAGE, columns });
    yield page.rows;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** The whole filtered, sorted table as one JSON array of RunRow, streamed page by page. */
export function exportJson(db: Kysely<Database>, plan: RunQueryPlan, fields: RunField[] | undefined): ReadableStream<Uint8Array> {
  return textStream(
    (async function* () {
      yield '[';
      let first = true;
      for await (const rows of allRows(db, plan, fields)) {
        for (const row of rows) {
          yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
          first = false;
        }
      }
      yield '\n]\n';
    })(),
  );
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-leading text defused. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // A spreadsheet would run "=cmd(...)" as a formula (CSV injection): keep it text.
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const BASE = ['id', 'name', 'status', 'owner', 'projectId', 'sweepId', 'createdAt', 'updatedAt', 'finishedAt', 'deletedAt', 'backend', 'notes', 'tags'] as const;

/**
 * The table as CSV: the run columns, then one column per param and per metric aggregate — the
 * requested columns, else every key among the filtered runs (`columns`).
 */
export function exportCsv(db: Kysely<Database>, plan: RunQueryPlan, fields: RunField[] | undefined, keys: RunColumns): ReadableStream<Uint8Array> {
  const chosen: RunField[] = fields ?? [
    ...keys.params.map((key): RunField => ({ kind: 'param', key })),
    ...keys.metrics.flatMap((key) => (['last', 'min', 'max'] as const).map((agg): RunField => ({ kind: 'metric', key, agg }))),
  ];
  const extra = chosen.filter((f) => f.kind === 'param' || f.kind === 'metric');
  return textStream(
    (async function* () {
      yield `${[...BASE, ...extra.map(fieldText)].map(csvField).join(',')}\r\n`;
      for await (const rows of allRows(db, plan, chosen)) {
        yield rows
          .map((row) => {
            const base = BASE.map((k) => csvField(row[k]));
            const more = extra.map((f) => csvField(f.kind === 'param' ? row.params[f.key] : f.kind === 'metric' ? row.metrics[f.key]?.[f.agg] : undefined));
            return `${[...base, ...more].join(',')}\r\n`;
          })
          .join('');
      }
    })(),
  );
}

/** Points read per query while exporting one run's metrics. */
const POINTS_PAGE = 5000;

/** Every logged point of a run as CSV (key, step, time_ms, value; NaN/±Infinity as words). */
export function exportRunMetricsCsv(db: Kysely<Database>, runId: string): ReadableStream<Uint8Array> {
  return textStream(
    (async function* () {
      yield 'key,step,time_ms,value\r\n';
      const series = await db.selectFrom('metric_series').select(['id', 'key']).where('run_id', '=', runId).orderBy('key').execute();
      for (const s of series) {
        let after: { step: number; time: number } | undefined;
        for (;;) {
          const { rows } = await sql<{ step: number | string; time_ms: number | string; value: number | null }>`
            select step, time_ms, value from metric_points
            where series_id = ${s.id} ${after ? sql`and (step > ${after.step} or (step = ${after.step} and time_ms > ${after.time}))` : sql``}
            order by step, time_ms limit ${POINTS_PAGE}`.execute(db);
          if (rows.length === 0) break;
          const key = csvField(s.key);
          yield rows.map((p) => `${key},${p.step},${p.time_ms},${p.value === null ? 'NaN' : String(p.value)}\r\n`).join('');
          const last = rows[rows.length - 1];
          after = { step: Number(last.step), time: Number(last.time_ms) };
          if (rows.length < POINTS_PAGE) break;
        }
      }
    })(),
  );
}
