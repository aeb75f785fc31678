import type { MetricsRepo, RawPoint } from '../../repos/metrics';
import { invalidParameter } from '../errors';
import { metricView } from '../views';
import type { LatestMetric } from './runs';

export interface LoggedMetric {
  key: string;
  value: number;
  /** ms since the epoch, as the client sent it. */
  timestamp: number;
  step: number;
}

const READ_CHUNK = 2_000;

const toPoint = (p: RawPoint): LatestMetric => ({ step: p.step, timestamp: p.timeMs, value: p.value ?? Number.NaN });

export interface HistoryPage {
  points: LatestMetric[];
  nextPageToken?: string;
}

/** A history page token: the (step, timestamp) of the last point returned (keyset paging). */
function encodeCursor(step: number, timestamp: number): string {
  return Buffer.from(JSON.stringify({ step, timestamp })).toString('base64');
}

function decodeCursor(token: string): { step: number; timestamp: number } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { step?: unknown; timestamp?: unknown };
    if (Number.isSafeInteger(v.step) && Number.isSafeInteger(v.timestamp)) return { step: v.step as number, timestamp: v.timestamp as number };
  } catch {
    // fall through
  }
  throw invalidParameter(`Invalid page token '${token.slice(0, 40)}': it is not one this server issued`);
}

/**
 * Metric points through the tracking server's own ingest (rollups and series stay right, so
 * Benchtop's charts and downsampling work on MLflow runs), and MLflow's history paging in
 * (step, timestamp) order with a keyset cursor (no OFFSET scans on a 1M-point series).
 */
export function mlflowMetricsRepo(repo: MetricsRepo) {
  return {
    async log(runId: string, metrics: readonly LoggedMetric[]): Promise<void> {
      if (metrics.length === 0) return;
      await repo.ingest(
        runId,
        metrics.map((m) => ({ key: m.key, step: m.step, value: m.value, timeMs: m.timestamp })),
      );
    },

    /** One page of (step, timestamp)-ordered points and the token of the next, if any. */
    async history(runId: string, key: string, maxResults: number, pageToken: string | undefined): Promise<HistoryPage> {
      const after = pageToken ? decodeCursor(pageToken) : undefined;
      const rows = await repo.page(runId, key, { after: after && { step: after.step, timeMs: after.timestamp }, limit: maxResults + 1 });
      const page = rows.slice(0, maxResults);
      const last = page[page.length - 1];
      const points = page.map(toPoint);
      return rows.length > maxResults && last ? { points, nextPageToken: encodeCursor(last.step, last.timeMs) } : { points };
    },

    /**
     * Every point from `pageToken` on as the JSON body `{"metrics":[…]}`, read READ_CHUNK rows
     * at a time as the client takes them: a 1M-point history never sits in memory (MLflow
     * answers a request without max_results with the whole history).
     */
    historyBody(runId: string, key: string, pageToken: string | undefined): ReadableStream<Uint8Array> {
      const start = pageToken ? decodeCursor(pageToken) : undefined;
      let after = start && { step: start.step, timeMs: start.timestamp };
      let first = true;
      const encoder = new TextEncoder();
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const rows = await repo.page(runId, key, { after, limit: READ_CHUNK });
          const items = JSON.stringify(rows.map((p) => metricView(key, toPoint(p)))).slice(1, -1);
          const head = first ? '{"metrics":[' : items ? ',' : '';
          first = false;
          controller.enqueue(encoder.encode(head + items));
          const last = rows[rows.length - 1];
          if (rows.length < READ_CHUNK || !last) {
            controller.enqueue(encoder.encode(']}'));
            controller.close();
          } else {
            after = { step: last.step, timeMs: last.timeMs };
          }
        },
      });
    },
  };
}

export type MlflowMetricsRepo = ReturnType<typeof mlflowMetricsRepo>;
