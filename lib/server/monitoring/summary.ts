import type { Kysely } from 'kysely';
import type { MonitoringPoint, VersionMonitoring } from '@/lib/serving/api';
import { mergeCounts, percentileMs, type LatencyHistogram } from '@/lib/serving/latency-histogram';
import { DRIFT_MIN_ROWS, psi, PSI_DRIFT_THRESHOLD, type DriftReference } from '@/lib/serving/drift';
import type { Database } from '../db/schema';

/**
 * A version's monitoring over a time window, merged from the append-only window rows of every
 * server process, and its accuracy from labelled feedback. Alert rules read the same numbers.
 */

const MINUTE_MS = 60_000;

type Counts = Record<string, Record<string, number[]>>;

function addBins(into: Counts, from: Counts): void {
  for (const [input, stats] of Object.entries(from)) {
    const target = (into[input] ??= {});
    for (const [stat, counts] of Object.entries(stats)) {
      const c = (target[stat] ??= new Array<number>(counts.length).fill(0));
      counts.forEach((n, i) => (c[i] = (c[i] ?? 0) + n));
    }
  }
}

function driftOf(reference: DriftReference | null, counts: Counts): VersionMonitoring['drift'] {
  if (!reference) return null;
  const out: Record<string, Record<string, number | null>> = {};
  let maxPsi: number | null = null;
  let rows = 0;
  for (const [input, ref] of Object.entries(reference.inputs)) {
    out[input] = {};
    for (const [stat, sr] of Object.entries(ref.stats)) {
      const observed = counts[input]?.[stat] ?? [];
      rows = Math.max(rows, observed.reduce((a, b) => a + b, 0));
      const value = psi(sr.expected, observed);
      out[input][stat] = value;
      if (value !== null && (maxPsi === null || value > maxPsi)) maxPsi = value;
    }
  }
  return { psi: out, maxPsi, rows, flagged: rows >= DRIFT_MIN_ROWS && maxPsi !== null && maxPsi > PSI_DRIFT_THRESHOLD, threshold: PSI_DRIFT_THRESHOLD, minRows: DRIFT_MIN_ROWS };
}

export async function versionMonitoring(kysely: Kysely<Database>, opts: { name: string; version: number; sinceMs: number; reference: DriftReference | null }): Promise<VersionMonitoring> {
  const { name, version, sinceMs } = opts;
  const since = sinceMs - (sinceMs % MINUTE_MS);
  const rows = await kysely.selectFrom('model_monitor_windows').selectAll().where('name', '=', name).where('version', '=', version).where('minute', '>=', since).orderBy('minute').execute();
  const byMinute = new Map<number, { requests: number; errors: number; latency: LatencyHistogram; rss: number }>();
  const allLatency: LatencyHistogram = {};
  const classes: Record<string, number> = {};
  const bins: Counts = {};
  let requests = 0;
  let errors = 0;
  for (const r of rows) {
    const minute = Number(r.minute);
    const m = byMinute.get(minute) ?? { requests: 0, errors: 0, latency: {}, rss: 0 };
    const latency = JSON.parse(r.latency_json) as LatencyHistogram;
    m.requests += r.requests;
    m.errors += r.errors;
    m.rss = Math.max(m.rss, Number(r.rss_bytes));
    mergeCounts(m.latency, latency);
    mergeCounts(allLatency, latency);
    mergeCounts(classes, JSON.parse(r.classes_json) as Record<string, number>);
    addBins(bins, JSON.parse(r.inputs_json) as Counts);
    requests += r.requests;
    errors += r.errors;
    byMinute.set(minute, m);
  }
  const series: MonitoringPoint[] = [...byMinute.entries()].map(([minute, m]) => ({
    minute,
    requests: m.requests,
    errors: m.errors,
    p50Ms: percentileMs(m.latency, 0.5),
    p95Ms: percentileMs(m.latency, 0.95),
    p99Ms: percentileMs(m.latency, 0.99),
    rssBytes: m.rss,
  }));

  const labelled = await kysely
    .selectFrom('model_predictions')
    .select(['labelled_at', 'label', 'predicted_class'])
    .where('name', '=', name)
    .where('version', '=', version)
    .where('labelled_at', '>=', since)
    .execute();
  const accuracyByMinute = new Map<number, { labelled: number; correct: number }>();
  let correct = 0;
  for (const p of labelled) {
    const minute = Number(p.labelled_at) - (Number(p.labelled_at) % MINUTE_MS);
    const a = accuracyByMinute.get(minute) ?? { labelled: 0, correct: 0 };
    a.labelled++;
    if (p.label === p.predicted_class) {
      a.correct++;
      correct++;
    }
    accuracyByMinute.set(minute, a);
  }
  return {
    version,
    series,
    totals: { requests, errors, errorRate: requests === 0 ? null : errors / requests, p50Ms: percentileMs(allLatency, 0.5), p95Ms: percentileMs(allLatency, 0.95), p99Ms: percentileMs(allLatency, 0.99) },
    classes,
    drift: driftOf(opts.reference, bins),
    accuracy: {
      labelled: labelled.length,
      correct,
      accuracy: labelled.length === 0 ? null : correct / labelled.length,
      series: [...accuracyByMinute.entries()].sort((a, b) => a[0] - b[0]).map(([minute, a]) => ({ minute, ...a })),
    },
  };
}
