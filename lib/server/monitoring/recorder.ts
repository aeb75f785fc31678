import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addLatency, mergeCounts, type LatencyHistogram } from '@/lib/serving/latency-histogram';
import { binIndex, rowStatistics, type DriftReference } from '@/lib/serving/drift';
import type { Database } from '../db/schema';
import type { PredictOutcome } from '../model-serving/predict';

/**
 * Collects predictions in memory per (version, minute) and writes them every few seconds as one
 * row per window, plus one row per prediction (for feedback). Predict never waits on the
 * database; a read flushes first, so what a test or a page asks for includes the last request.
 */

interface Window {
  name: string;
  version: number;
  minute: number;
  requests: number;
  errors: number;
  latency: LatencyHistogram;
  classes: Record<number, number>;
  /** input → statistic → counts per reference bin */
  inputs: Record<string, Record<string, number[]>>;
}

interface PendingPrediction {
  id: string;
  name: string;
  version: number;
  created_at: number;
  predicted_class: number | null;
}

export interface MonitorRecorderOptions {
  kysely: Kysely<Database>;
  /** The drift reference of a version, or null when its export kept none. Cached here. */
  loadReference(name: string, version: number): Promise<DriftReference | null>;
  flushEveryMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

const MINUTE_MS = 60_000;
/** Predictions kept for feedback; older ones are deleted at flush (once an hour). */
export const PREDICTION_RETENTION_MS = 30 * 24 * 3_600_000;

export class MonitorRecorder {
  private windows = new Map<string, Window>();
  private predictions: PendingPrediction[] = [];
  private readonly references = new Map<string, Promise<DriftReference | null>>();
  /** The loaded ones, for observe (which must not wait). */
  private readonly loaded = new Map<string, DriftReference | null>();
  private readonly timer: ReturnType<typeof setInterval>;
  private flushing: Promise<void> = Promise.resolve();
  private lastPruneAt = 0;
  private readonly now: () => number;
  /** Called after each flush with the versions that had traffic (alert evaluation). */
  onFlush: ((versions: { name: string; version: number }[]) => void) | null = null;

  constructor(private readonly options: MonitorRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => void this.flush().catch((e: unknown) => options.log?.(`[benchtop] monitoring flush failed: ${String(e)}`)), options.flushEveryMs ?? 5_000);
    this.timer.unref();
  }

  /** Loads (once) the reference the version's inputs are counted against. */
  reference(name: string, version: number): Promise<DriftReference | null> {
    const key = `${name}\u0000${version}`;
    let ref = this.references.get(key);
    if (!ref) {
      ref = this.options.loadReference(name, version).catch(() => null);
      this.references.set(key, ref);
      void ref.then((r) => this.references.get(key) === ref && this.loaded.set(key, r));
    }
    return ref;
  }

  /** A new reference was stored for the version: count against it from now on. */
  forgetReference(name: string, version: number): void {
    this.references.delete(`${name}\u0000${version}`);
    this.loaded.delete(`${name}\u0000${version}`);
  }

  /** Counts one prediction; its inputs count toward drift once the version's reference is loaded (see `reference`). */
  observe(o: PredictOutcome): void {
    const reference = this.loaded.get(`${o.name}\u0000${o.version}`) ?? null;
    const now = this.now();
    const minute = now - (now % MINUTE_MS);
    const key = `${o.name}\u0000${o.version}\u0000${minute}`;
    let w = this.windows.get(key);
    if (!w) {
      w = { name: o.name, version: o.version, minute, requests: 0, errors: 0, latency: {}, classes: {}, inputs: {} };
      this.windows.set(key, w);
    }
    w.requests++;
    if (!o.ok) w.errors++;
    addLatency(w.latency, o.latencyMs);
    for (const c of o.classes ?? []) w.classes[c] = (w.classes[c] ?? 0) + 1;
    if (reference && o.inputs) this.countInputs(w, o.inputs, reference);
    if (o.ok && o.predictionId) this.predictions.push({ id: o.predictionId, name: o.name, version: o.version, created_at: now, predicted_class: o.classes?.[0] ?? null });
  }

  private countInputs(w: Window, inputs: NonNullable<PredictOutcome['inputs']>, reference: DriftReference): void {
    const refs = Object.entries(reference.inputs);
    // An export's reference is keyed by the tfjs input layer's name; a single input matches whatever ONNX calls it.
    const only = refs.length === 1 && Object.keys(inputs).length === 1 ? Object.values(inputs)[0] : undefined;
    for (const [name, ref] of refs) {
      const t = inputs[name] ?? only;
      if (!t || typeof t.data[0] === 'bigint' || t.data.length !== t.dims[0] * ref.rowSize) continue;
      const stats = rowStatistics(t.data as ArrayLike<number>, t.dims[0], ref.mode);
      const counts = (w.inputs[name] ??= {});
      for (const [stat, values] of Object.entries(stats)) {
        const sr = ref.stats[stat];
        if (!sr) continue;
        const c = (counts[stat] ??= new Array<number>(sr.edges.length + 1).fill(0));
        for (const v of values) c[binIndex(sr.edges, v)]++;
      }
    }
  }

  /** Writes everything collected so far (serialized: one flush at a time). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const windows = [...this.windows.values()];
    const predictions = this.predictions;
    this.windows = new Map();
    this.predictions = [];
    if (windows.length === 0 && predictions.length === 0) return;
    const rss = process.memoryUsage().rss;
    const { kysely } = this.options;
    try {
      if (windows.length > 0) {
        await kysely
          .insertInto('model_monitor_windows')
          .values(windows.map((w) => ({ id: randomUUID(), name: w.name, version: w.version, minute: w.minute, requests: w.requests, errors: w.errors, latency_json: JSON.stringify(w.latency), classes_json: JSON.stringify(w.classes), inputs_json: JSON.stringify(w.inputs), rss_bytes: rss })))
          .execute();
      }
      // Chunks stay under SQLite's bound-parameter limit (5 columns a row).
      for (let i = 0; i < predictions.length; i += 500) await kysely.insertInto('model_predictions').values(predictions.slice(i, i + 500)).execute();
    } catch (err) {
      this.restore(windows, predictions);
      throw err;
    }
    await this.prune();
    const seen = new Map(windows.map((w) => [`${w.name}\u0000${w.version}`, { name: w.name, version: w.version }]));
    this.onFlush?.([...seen.values()]);
  }

  /** A failed write puts its data back, so the next flush retries it. */
  private restore(windows: Window[], predictions: PendingPrediction[]): void {
    for (const w of windows) {
      const key = `${w.name}\u0000${w.version}\u0000${w.minute}`;
      const cur = this.windows.get(key);
      if (!cur) this.windows.set(key, w);
      else {
        cur.requests += w.requests;
        cur.errors += w.errors;
        mergeCounts(cur.latency, w.latency);
        mergeCounts(cur.classes, w.classes);
      }
    }
    this.predictions.unshift(...predictions);
  }

  private async prune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPruneAt < 3_600_000) return;
    this.lastPruneAt = now;
    await this.options.kysely.deleteFrom('model_predictions').where('created_at', '<', now - PREDICTION_RETENTION_MS).execute();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }
}
