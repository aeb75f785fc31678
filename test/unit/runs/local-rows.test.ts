import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareRows, localRow, mergeRows } from '@/lib/runs/local-rows';
import { parseRunSort } from '@/lib/track/run-filter';
import type { RunRow } from '@/lib/track/run-query';

function row(id: string, over: Partial<RunRow> = {}): RunRow {
  return {
    id,
    name: id,
    status: 'finished',
    owner: null,
    projectId: 'p',
    sweepId: null,
    createdAt: 1000,
    updatedAt: 1000,
    finishedAt: 2000,
    tags: {},
    notes: null,
    params: {},
    metrics: {},
    deletedAt: null,
    backend: 'cpu',
    ...over,
  };
}

const keys = (text: string) => {
  const parsed = parseRunSort(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.keys;
};

describe('local rows merged into server pages', () => {
  const byLoss = keys('metrics.loss.min');
  const server = [1, 3, 5, 7].map((v) => row(`s${v}`, { metrics: { loss: { last: v, min: v, max: v } } }));
  const local = [row('l2', { metrics: { loss: { last: 2, min: 2, max: 2 } } }), row('l9', { metrics: { loss: { last: 9, min: 9, max: 9 } } }), row('lnone')];

  it('a local run sorts into its place among the server rows; one past the loaded page waits for the next page', () => {
    expect(mergeRows({ server, serverHasMore: true, local, sort: byLoss }).map((r) => r.id)).toEqual(['s1', 'l2', 's3', 's5', 's7']);
    // On the last page everything is shown; a run without the metric sorts last.
    expect(mergeRows({ server, serverHasMore: false, local, sort: byLoss }).map((r) => r.id)).toEqual(['s1', 'l2', 's3', 's5', 's7', 'l9', 'lnone']);
  });

  it('a run both sides have is shown once (the local version, which may be newer)', () => {
    const merged = mergeRows({ server: [...server, row('l2')], serverHasMore: false, local: [local[0]], sort: byLoss });
    expect(merged.filter((r) => r.id === 'l2')).toHaveLength(1);
    expect(merged.find((r) => r.id === 'l2')?.metrics.loss?.min).toBe(2);
  });

  it('keeps any sorted server list sorted and loses no row (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 10 }), (sv, lv) => {
        const sort = keys('-params.x');
        const s = sv.map((v, i) => row(`s${i}`, { params: { x: v } })).sort((p, q) => compareRows(p, q, sort));
        const l = lv.map((v, i) => row(`l${i}`, { params: { x: v } }));
        const out = mergeRows({ server: s, serverHasMore: false, local: l, sort });
        expect(out).toHaveLength(s.length + l.length);
        for (let i = 1; i < out.length; i++) expect(compareRows(out[i - 1], out[i], sort)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('converts a local list row with its summary as last/min/max', () => {
    const r = localRow({
      id: 'x', projectId: 'p', notebookId: null, name: 'x', status: 'running', statusReason: null, sweepId: null, trialId: null, owner: null,
      tags: { t: '1' }, source: 'browser', createdAt: 1, updatedAt: 2, finishedAt: null,
      summary: { loss: { last: 0.5, min: 0.4, max: 0.9, step: 2, count: 3 } }, backend: 'webgpu', params: { lr: 0.1 },
    });
    expect(r.metrics).toEqual({ loss: { last: 0.5, min: 0.4, max: 0.9 } });
    expect(r).toMatchObject({ backend: 'webgpu', params: { lr: 0.1 }, deletedAt: null, notes: null });
  });
});
