import { IdSchema } from '@/lib/track/schemas';
import { HistoryQuery, wireNumber, type MetricKeyInfoWire } from '@/lib/track/api';
import type { Services } from '../../services';
import type { SeriesRow } from '../../repos/metrics';
import { HttpError, notFound } from '../errors';
import { parseWith, queryObject } from '../body';
import type { RouteContext } from '../router';
import { attachmentDisposition } from '../content-disposition';

/** A path parameter that must be an id (400 naming the parameter otherwise). */
export function idParam(ctx: RouteContext, name: string): string {
  const parsed = IdSchema.safeParse(ctx.params[name]);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `path parameter ${name}: ${parsed.error.issues[0]?.message}`, name);
  return parsed.data;
}

export async function requireRunExists(services: Services, runId: string): Promise<void> {
  if (!(await services.runs.exists(runId))) throw notFound(`run ${runId}`);
}

export function keyInfo(s: SeriesRow): MetricKeyInfoWire {
  return { key: s.key, count: s.count, minStep: s.minStep, maxStep: s.maxStep, last: wireNumber(s.lastValue), min: wireNumber(s.min), max: wireNumber(s.max) };
}

/** Metric history of one run, shared by the workspace route and the share-link route. */
export async function historyResponse(services: Services, runId: string, url: URL): Promise<Response> {
  const q = parseWith(HistoryQuery, queryObject(url), 'query', 400);
  if (q.minStep !== undefined && q.maxStep !== undefined && q.minStep > q.maxStep) {
    throw new HttpError(400, 'bad_request', `minStep (${q.minStep}) is greater than maxStep (${q.maxStep})`, 'minStep');
  }
  const result = await services.metrics.history(runId, q);
  if (!result) throw notFound(`metric "${q.key}" of run ${runId}`);
  // Built as text: a 100k-point answer as objects + JSON.stringify costs 3× the time, mostly GC.
  const points = result.downsampled
    ? result.buckets.map(
        (b) =>
          `{"step":${b.lastStep},"value":${numberJson(b.lastValue)},"timeMs":${b.lastTimeMs},"min":${numberJson(b.min)},"max":${numberJson(b.max)},"count":${b.count}}`,
      )
    : result.raw.map((p) => `{"step":${p.step},"value":${numberJson(p.value)},"timeMs":${p.timeMs}}`);
  const head = `{"runId":${JSON.stringify(runId)},"key":${JSON.stringify(q.key)},"downsampled":${result.downsampled},"bucketWidth":${result.bucketWidth}`;
  return new Response(`${head},"points":[${points.join(',')}]}`, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** A stored value as JSON: the wire tokens for NaN (stored as null) and ±Infinity. */
function numberJson(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '"NaN"';
  if (value === Number.POSITIVE_INFINITY) return '"Infinity"';
  if (value === Number.NEGATIVE_INFINITY) return '"-Infinity"';
  return String(value); // same digits as JSON.stringify
}

/** Artifact bytes of one run, shared by the workspace route and the share-link route. */
export async function artifactBytesResponse(services: Services, runId: string, artifactId: string): Promise<Response> {
  const stored = await services.artifacts.get(artifactId);
  if (!stored || stored.artifact.runId !== runId) throw notFound(`artifact ${artifactId} of run ${runId}`);
  const bytes = await services.artifactStore.read(stored.storageKey);
  if (!bytes) throw notFound(`bytes of artifact ${artifactId}`);
  return new Response(bytes.stream, {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.sizeBytes),
      'content-disposition': attachmentDisposition(stored.artifact.name),
      etag: `"${stored.artifact.sha256}"`,
      'x-content-type-options': 'nosniff',
    },
  });
}
