import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@/lib/data/rng';
import { openDb, type Db } from '@/lib/server/db/connect';
import { metricsRepo, type IngestPoint, type MetricsRepo } from '@/lib/server/repos/metrics';
import { runsRepo } from '@/lib/server/repos/runs';
import { planBuckets } from '@/lib/server/metrics/history';
import { levelWidth } from '@/lib/server/metrics/rollup';
import { BACKENDS, tempDataDir } from './harness';
import { createTestDatabase } from './pg';
import { makeRun } from './fixtures';

/** Brute-force reference: every stored point, keyed like the table. */
class Reference {
  readonly points = new Map<string, { step: number; timeMs: number; value: number }>();
  add(p: IngestPoint) {
    this.points.set(`${p.step}|${p.timeMs}`, { step: p.step, timeMs: p.timeMs, value: p.value });
  }
  inRange(lo: number, hi: number) {
    return [...this.points.values()].filter((p) => p.step >= lo && p.step <= hi).sort((a, b) => a.step - b.step || a.timeMs - b.timeMs);
  }
  /** Bucket summaries exactly as the API defines them. */
  buckets(lo: number, hi: number, width: number) {
    const out = new Map<number, { count: number; nanCount: number; min: number; max: number; lastStep: number; lastTimeMs: number; lastValue: number }>();
    for (const p of this.inRange(lo, hi)) {
      const b = Math.floor(p.step / width);
      const a = out.get(b) ?? { count: 0, nanCount: 0, min: Number.NaN, max: Number.NaN, lastStep: -1, lastTimeMs: -1, lastValue: Number.NaN };
      a.count++;
      if (Number.isNaN(p.value)) a.nanCount++;
      else {
        a.min = Number.isNaN(a.min) ? p.value : Math.min(a.min, p.value);
        a.max = Number.isNaN(a.max) ? p.value : Math.max(a.max, p.value);
      }
      a.lastStep = p.step;
      a.lastTimeMs = p.timeMs;
      a.lastValue = p.value;
      out.set(b, a);
    }
    return [...out.entries()].sort((x, y) => x[0] - y[0]).map(([, a]) => a);
  }
}

const nanOf = (v: number | null) => (v === null ? Number.NaN : v);

describe('planBuckets', () => {
  it('never returns more buckets than asked and uses a rollup-aligned width', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2_000; i++) {
      const lo = Math.floor(rng() * 1e7);
      const hi = lo + Math.floor(rng() ** 3 * 1e8) + 1;
      const maxPoints = 2 + Math.floor(rng() * 3_000);
      const { width, level } = planBuckets(lo, hi, maxPoints);
      expect(Math.floor(hi / width) - Math.floor(lo / width) + 1).toBeLessThanOrEqual(maxPoints);
      expect(width % (level === 0 ? 1 : levelWidth(level))).toBe(0);
    }
  });
});

describe.each(BACKENDS)('metric rollups against a brute-force reference (%s)', (backend) => {
  let db: Db;
  let metrics: MetricsRepo;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (backend === 'postgres') {
      const pg = await createTestDatabase();
      drop = pg.drop;
      db = await openDb({ databaseUrl: pg.url });
    } else {
      db = await openDb({ sqlitePath: `${tempDataDir()}/h.sqlite` });
    }
    metrics = metricsRepo(db);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('matches the reference after appends, re-sends, out-of-order and duplicate-step batches', async () => {
    const run = makeRun();
    await runsRepo(db).upsert(run);
    const ref = new Reference();
    const rng = createRng(backend === 'sqlite' ? 11 : 12);
    const sent: IngestPoint[][] = [];
    let next = 0;
    const valueOf = () => {
      const r = rng();
      if (r < 0.02) return Number.NaN;
      if (r < 0.03) return r < 0.025 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      return Math.round((rng() * 200 - 100) * 1000) / 1000;
    };
    for (let round = 0; round < 24; round++) {
      const kind = rng();
      let batch: IngestPoint[];
      if (kind < 0.55 || sent.length === 0) {
        // append (sometimes with a jump, so high rollup levels get several buckets)
        if (rng() < 0.15) next += Math.floor(rng() * 3_000_000);
        const n = 1 + Math.floor(rng() * 4_000);
        batch = Array.from({ length: n }, (_, i) => ({ key: 'm', step: next + i, value: valueOf(), timeMs: 1_000 + next + i }));
        next += n;
      } else if (kind < 0.75) {
        batch = sent[Math.floor(rng() * sent.length)]; // re-send after a lost answer
      } else if (kind < 0.9) {
        // points scattered over the past, some at an existing step with a new time (MLflow style)
        batch = Array.from({ length: 25 }, () => {
          const step = Math.floor(rng() * Math.max(1, next));
          return { key: 'm', step, value: valueOf(), timeMs: rng() < 0.5 ? 1_000 + step : 9_000_000 + Math.floor(rng() * 1e6) };
        });
      } else {
        // the same (step, time) with a new value replaces the old one
        const old = sent[Math.floor(rng() * sent.length)];
        batch = old.slice(0, 20).map((p) => ({ ...p, value: valueOf() }));
      }
      await metrics.ingest(run.id, batch);
      batch.forEach((p) => ref.add(p));
      sent.push(batch);
      if (round % 6 !== 5) continue;

      const [series] = await metrics.keys(run.id);
      const all = ref.inRange(0, Number.MAX_SAFE_INTEGER);
      expect(series.count).toBe(all.length);
      expect(series.minStep).toBe(all[0].step);
      expect(series.maxStep).toBe(all[all.length - 1].step);
      expect(series.nanCount).toBe(all.filter((p) => Number.isNaN(p.value)).length);
      expect(nanOf(series.lastValue)).toBe(all[all.length - 1].value);

      // Keyset paging (MLflow get-history) walks every point once, in (step, time) order.
      const paged: Array<[number, number, number]> = [];
      for (let after: { step: number; timeMs: number } | undefined; ; ) {
        const page = await metrics.page(run.id, 'm', { after, limit: 1_000 });
        paged.push(...page.map((p): [number, number, number] => [p.step, p.timeMs, nanOf(p.value)]));
        if (page.length < 1_000) break;
        after = page[page.length - 1];
      }
      expect(paged).toEqual(all.map((p) => [p.step, p.timeMs, p.value]));

      for (let q = 0; q < 12; q++) {
        const zoom = q > 0 && rng() < 0.6;
        const a = Math.floor(rng() * next);
        const b = Math.floor(rng() * next);
        const req = { key: 'm', maxPoints: 2 + Math.floor(rng() * 400), ...(zoom ? { minStep: Math.min(a, b), maxStep: Math.max(a, b) } : {}) };
        const result = (await metrics.history(run.id, req))!;
        const lo = Math.max(req.minStep ?? series.minStep, series.minStep);
        const hi = Math.min(req.maxStep ?? series.maxStep, series.maxStep);
        if (!result.downsampled) {
          expect(result.raw.map((p) => [p.step, p.timeMs, nanOf(p.value)])).toEqual(ref.inRange(lo, hi).map((p) => [p.step, p.timeMs, p.value]));
          continue;
        }
        expect(result.buckets.length).toBeLessThanOrEqual(req.maxPoints);
        const expected = ref.buckets(lo, hi, result.bucketWidth);
        expect(result.buckets.map((x) => ({ ...x, min: nanOf(x.min), max: nanOf(x.max), lastValue: nanOf(x.lastValue) }))).toEqual(expected);
      }
    }
  });
});
