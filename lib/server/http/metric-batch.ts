import { MetricBatchRequest } from '@/lib/track/api';
import { fromWireNumber } from '@/lib/track/wire-number';
import type { IngestPoint } from '../metrics/ingest';
import { parseWith } from './body';

/**
 * Parses a metric batch body on the ingest hot path. zod's `MetricBatchRequest` stays the
 * definition; this checks the same rules by hand (10× faster than zod's union + transform on
 * 5,000 points) and accepts only what zod accepts. Anything it is unsure of goes to zod, whose
 * answer is final and whose error names the field. test/server/metric-batch.test.ts fuzzes the
 * two against each other.
 */
export function parseMetricBatch(value: unknown): IngestPoint[] {
  const fast = fastParse(value);
  if (fast) return fast;
  const batch = parseWith(MetricBatchRequest, value, 'metric batch');
  const out = batch.points.map((p) => ({ key: p.key, step: p.step, value: p.value, timeMs: Math.round(p.timeMs) }));
  for (const s of batch.series) {
    for (let i = 0; i < s.steps.length; i++) out.push({ key: s.key, step: s.steps[i], value: s.values[i], timeMs: Math.round(s.timesMs[i]) });
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isKey = (k: unknown): k is string => typeof k === 'string' && k.length >= 1 && k.length <= 250;
const isStep = (s: unknown): s is number => typeof s === 'number' && Number.isSafeInteger(s) && s >= 0;
const isTime = (t: unknown): t is number => typeof t === 'number' && t >= 0 && t <= Number.MAX_SAFE_INTEGER;

/** A wire value as a number, or undefined when it is not one. */
function wireValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return fromWireNumber(v);
  return undefined;
}

/** undefined = "ask zod". */
export function fastParse(value: unknown): IngestPoint[] | undefined {
  if (!isPlainObject(value)) return undefined;
  const { points = [], series = [] } = value;
  if (!Array.isArray(points) || !Array.isArray(series)) return undefined;
  const out: IngestPoint[] = [];
  for (const p of points as unknown[]) {
    if (!isPlainObject(p)) return undefined;
    const { key, step, timeMs } = p;
    const v = wireValue(p.value);
    if (!isKey(key) || !isStep(step) || !isTime(timeMs) || v === undefined) return undefined;
    out.push({ key, step, value: v, timeMs: Math.round(timeMs) });
  }
  for (const s of series as unknown[]) {
    if (!isPlainObject(s)) return undefined;
    const { key, steps, values, timesMs } = s;
    if (!isKey(key) || !Array.isArray(steps) || !Array.isArray(values) || !Array.isArray(timesMs)) return undefined;
    if (values.length !== steps.length || timesMs.length !== steps.length) return undefined;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const timeMs = timesMs[i];
      const v = wireValue(values[i]);
      if (!isStep(step) || !isTime(timeMs) || v === undefined) return undefined;
      out.push({ key, step, value: v, timeMs: Math.round(timeMs) });
    }
  }
  return out;
}
