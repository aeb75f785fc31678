import type { MetricsRepo, RawPoint } from '../../repos/metrics';
import { invalidParameter } from '../errors';
import type { LatestMetric } from './runs';

export interface LoggedMetric {
  key: string;
  value: number;
  /** ms since the epoch, as the client sent it. */
  timestamp: number;
  step: number;
}

const READ_CHUNK = 10_000;

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

    /** One page of (step, timestamp)-ordered points; every point when maxResults is undefined. */
    async history(runId: string, key: string, maxResults: number | undefined, pageToken: string | undefined): Promise<HistoryPage> {
      let after = pageToken ? decodeCursor(pageToken) : undefined;
      if (maxResults === undefined) {
        const all: LatestMetric[] = [];
        for (;;) {
          const rows = await repo.page(runId, key, { after: after && { step: after.step, timeMs: after.timestamp }, limit: READ_CHUNK });
          all.push(...rows.map(toPoint));
          const last = rows[rows.length - 1];
          if (rows.length < READ_CHUNK || !last) return { points: all };
          after = { step: last.step, timestamp: last.timeMs };
        }
      }
      const rows = await repo.page(runId, key, { after: after && { step: after.step, timeMs: after.timestamp }, limit: maxResults + 1 });
      const page = rows.slice(0, maxResults);
      const last = page[page.length - 1];
      const points = page.map(toPoint);
      return rows.length > maxResults && last ? { points, nextPageToken: encodeCursor(last.step, last.timeMs) } : { points };
    },
  };
}

export type MlflowMetricsRepo = ReturnType<typeof mlflowMetricsRepo>;
