import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/data/rng';
import type { OutboxEntry } from '@/lib/track/run-store';
import { metricsBody, planRequests, splitMetricsRequest, utf8Length } from '@/lib/track/sync-plan';
import { makeRun } from './fixtures';

const KEYS = ['loss', 'val/acc', 'quote"and\\backslash', 'ünïcødé/λ', 'emoji 🚀 key', 'ctrl\u0001char', 'k'.repeat(250)];

describe('sync request planning', () => {
  it('keeps every metrics body under the byte and point limits, whatever the keys and values', () => {
    const rng = createRng(5);
    const entries: OutboxEntry[] = [];
    let seq = 1;
    for (let e = 0; e < 60; e++) {
      const points = Array.from({ length: 1 + Math.floor(rng() * 400) }, (_, i) => ({
        runId: 'r',
        key: KEYS[Math.floor(rng() * KEYS.length)],
        step: Math.floor(rng() * 1e12),
        value: [Number.NaN, Number.NEGATIVE_INFINITY, -2.2250738585072014e-308, rng(), -rng() * 1e300][i % 5],
        timeMs: 1_700_000_000_000 + rng(),
      }));
      entries.push({ seq: seq++, kind: 'metrics', runId: 'r', points });
    }
    const limits = { maxPoints: 2_000, maxBytes: 50_000 };
    const reqs = planRequests(entries, limits);
    const total = entries.reduce((a, e) => a + (e.kind === 'metrics' ? e.points.length : 0), 0);
    let sent = 0;
    for (const r of reqs) {
      if (r.kind !== 'metrics') throw new Error('only metrics expected');
      expect(r.points.length).toBeLessThanOrEqual(limits.maxPoints);
      expect(utf8Length(metricsBody(r.points))).toBeLessThanOrEqual(limits.maxBytes);
      sent += r.points.length;
    }
    expect(sent).toBe(total);
    // Every entry is settled exactly once, by the chunk that holds its last point.
    expect(reqs.flatMap((r) => r.seqs)).toEqual(entries.map((e) => e.seq));
  });

  it('sends only the newest version of a run, first, and artifacts last', () => {
    const run = makeRun({ id: 'r1', updatedAt: 1 });
    const entries: OutboxEntry[] = [
      { seq: 1, kind: 'run', runId: 'r1', run },
      { seq: 2, kind: 'metrics', runId: 'r1', points: [{ runId: 'r1', key: 'a', step: 0, value: 1, timeMs: 1 }] },
      { seq: 3, kind: 'artifact', runId: 'r1', artifactId: 'x' },
      { seq: 4, kind: 'run', runId: 'r1', run: { ...run, status: 'finished', updatedAt: 2 } },
      { seq: 5, kind: 'run', runId: 'r2', run: makeRun({ id: 'r2' }) },
    ];
    const reqs = planRequests(entries, { maxPoints: 10, maxBytes: 10_000 });
    expect(reqs.map((r) => [r.kind, r.runId, r.seqs])).toEqual([
      ['run', 'r1', [1, 4]],
      ['metrics', 'r1', [2]],
      ['artifact', 'r1', [3]],
      ['run', 'r2', [5]],
    ]);
    expect(reqs[0].kind === 'run' && reqs[0].run.status).toBe('finished');
  });

  it('splits a metrics request so that only the second half settles its entries', () => {
    const points = Array.from({ length: 5 }, (_, step) => ({ runId: 'r', key: 'a', step, value: step, timeMs: 1 }));
    const [a, b] = splitMetricsRequest({ kind: 'metrics', runId: 'r', points, seqs: [7, 8] })!;
    expect([a.points.length, b.points.length, a.seqs, b.seqs]).toEqual([3, 2, [], [7, 8]]);
    expect(splitMetricsRequest({ kind: 'metrics', runId: 'r', points: points.slice(0, 1), seqs: [1] })).toBeUndefined();
    expect(
      JSON.parse(
        metricsBody([
          { runId: 'r', key: 'a', step: 1, value: Number.NaN, timeMs: 2 },
          { runId: 'r', key: 'b', step: 1, value: Number.NEGATIVE_INFINITY, timeMs: 3 },
          { runId: 'r', key: 'a', step: 2, value: 0.5, timeMs: 4 },
        ]),
      ),
    ).toEqual({
      series: [
        { key: 'a', steps: [1, 2], values: ['NaN', 0.5], timesMs: [2, 4] },
        { key: 'b', steps: [1], values: ['-Infinity'], timesMs: [3] },
      ],
    });
  });
});
