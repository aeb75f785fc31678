import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToWire } from '@/lib/track/api';
import { REPORT_LIMITS, SharedReportResponse, type ReportInput } from '@/lib/track/reports';
import { BACKENDS, jsonInit, startTestServer, type TestServer } from './harness';
import { makeRun } from './fixtures';

describe.each(BACKENDS)('reports and report share links (%s)', (backend) => {
  let s: TestServer;
  const runA = makeRun({ name: 'baseline', config: { lr: 0.01, opt: 'adam' } });
  const runB = makeRun({ name: 'higher lr', config: { lr: 0.1, opt: 'adam' } });
  const input = (over: Partial<ReportInput> = {}): ReportInput => ({
    title: 'LR study',
    blocks: [
      { kind: 'markdown', text: 'Loss falls as $\\eta$ grows.' },
      { kind: 'chart', metric: 'loss', x: 'step', smoothing: 0.6, logY: true },
    ],
    runs: { ids: [runA.id, runB.id] },
    ...over,
  });
  const create = async (body: unknown = input()) => s.api('/api/v1/reports', jsonInit('POST', body));

  beforeAll(async () => {
    s = await startTestServer({ backend });
    for (const run of [runA, runB]) {
      expect((await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)))).status).toBe(200);
      const points = [0, 1, 2].map((step) => ({ key: 'loss', step, value: (run === runA ? 2 : 1) - step * 0.25, timeMs: 1_000 + step }));
      expect((await s.api(`/api/v1/runs/${run.id}/metrics`, jsonInit('POST', { points }))).status).toBe(200);
    }
  });
  afterAll(async () => s?.close());

  it('creates, reads, lists, replaces and deletes a report', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    const { report } = await res.json();
    expect(report).toMatchObject({ title: 'LR study', runs: { ids: [runA.id, runB.id] }, blocks: input().blocks });
    expect((await (await s.api(`/api/v1/reports/${report.id}`)).json()).report).toEqual(report);
    expect((await (await s.api('/api/v1/reports')).json()).reports.map((r: { id: string }) => r.id)).toContain(report.id);

    const put = await s.api(`/api/v1/reports/${report.id}`, jsonInit('PUT', input({ title: 'LR study, v2', runs: { ids: [runA.id] } })));
    expect(put.status).toBe(200);
    const updated = (await put.json()).report;
    expect(updated).toMatchObject({ id: report.id, title: 'LR study, v2', runs: { ids: [runA.id] }, createdAt: report.createdAt });
    expect(updated.updatedAt).toBeGreaterThanOrEqual(report.updatedAt);

    expect((await s.api(`/api/v1/reports/${report.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.api(`/api/v1/reports/${report.id}`)).status).toBe(404);
    expect((await s.api(`/api/v1/reports/${report.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await s.api(`/api/v1/reports/${report.id}`, jsonInit('PUT', input()))).status).toBe(404);
  });

  it('refuses bad reports with a 4xx naming the field and the limit', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ ...input(), title: '   ' }, 422, /title/],
      [{ ...input(), title: 'x'.repeat(REPORT_LIMITS.titleChars + 1) }, 422, /at most 200 characters/],
      [{ ...input(), runs: { ids: [] } }, 422, /needs runs/],
      [{ ...input(), runs: { ids: ['not an id!'] } }, 422, /runs\.ids\.0/],
      [{ ...input(), blocks: [{ kind: 'video', url: 'x' }] }, 422, /blocks\.0/],
      [{ ...input(), blocks: [{ kind: 'chart', metric: 'loss', x: 'step', smoothing: 1, logY: false }] }, 422, /smoothing/],
      [{ ...input(), blocks: Array.from({ length: REPORT_LIMITS.blocks + 1 }, () => ({ kind: 'markdown', text: '' })) }, 422, /at most 100 blocks/],
      [{ ...input(), extra: 1 }, 422, /extra/],
      [{ ...input(), blocks: [{ kind: 'markdown', text: 'x'.repeat(REPORT_LIMITS.markdownChars + 1) }] }, 422, /20,000 characters/],
    ];
    for (const [body, status, message] of cases) {
      const res = await create(body);
      const text = await res.text();
      expect(res.status, text).toBe(status);
      expect(text).toMatch(message);
    }
    const huge = await create({ ...input(), blocks: Array.from({ length: 20 }, () => ({ kind: 'markdown', text: 'x'.repeat(19_000) })) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toMatch(/256 KiB|262,144|limit/);
    const notJson = await s.api('/api/v1/reports', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await s.api('/api/v1/reports/bad%20id')).status).toBe(400);
    expect((await s.api('/api/v1/reports', { ...jsonInit('POST', input()), auth: false })).status).toBe(401);
  });

  it('shares a report read-only, only its own runs, until the link is revoked', async () => {
    const { report } = await (await create()).json();
    const made = await s.api(`/api/v1/reports/${report.id}/shares`, { method: 'POST' });
    expect(made.status).toBe(201);
    const { share } = await made.json();
    expect(share).toMatchObject({ reportId: report.id, path: `/share/${share.token}` });
    expect((await (await s.api(`/api/v1/reports/${report.id}/shares`)).json()).shares).toEqual([share]);

    // Anyone with the link: the report and its runs, no token needed.
    const seen = await s.api(`/api/v1/shares/${share.token}/report`, { auth: false });
    expect(seen.status).toBe(200);
    const body = SharedReportResponse.parse(await seen.json());
    expect(body.report.title).toBe('LR study');
    expect(body.runs.map((r) => [r.name, r.params.lr, r.metrics.loss.last])).toEqual([
      ['baseline', 0.01, 1.5],
      ['higher lr', 0.1, 0.5],
    ]);
    const history = await s.api(`/api/v1/shares/${share.token}/runs/${runA.id}/metrics/history?key=loss`, { auth: false });
    expect(history.status).toBe(200);
    expect((await history.json()).points.map((p: { value: number }) => p.value)).toEqual([2, 1.75, 1.5]);

    // A run outside the report stays closed, and a report link is not a run link.
    const other = makeRun();
    await s.api(`/api/v1/runs/${other.id}`, jsonInit('PUT', runToWire(other)));
    expect((await s.api(`/api/v1/shares/${share.token}/runs/${other.id}/metrics/history?key=loss`, { auth: false })).status).toBe(404);
    expect((await s.api(`/api/v1/shares/${share.token}`, { auth: false })).status).toBe(404);

    // Revoked: every read 404s.
    expect((await s.api(`/api/v1/shares/${share.token}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.api(`/api/v1/shares/${share.token}/report`, { auth: false })).status).toBe(404);
    expect((await s.api(`/api/v1/shares/${share.token}/runs/${runA.id}/metrics/history?key=loss`, { auth: false })).status).toBe(404);
    expect((await (await s.api(`/api/v1/reports/${report.id}/shares`)).json()).shares).toEqual([]);
  });

  it('a report link leaves out a run deleted since (and its history), and shows it again once restored', async () => {
    const gone = makeRun({ name: 'deleted later' });
    await s.api(`/api/v1/runs/${gone.id}`, jsonInit('PUT', runToWire(gone)));
    const { report } = await (await create(input({ runs: { ids: [runA.id, gone.id] } }))).json();
    const { share } = await (await s.api(`/api/v1/reports/${report.id}/shares`, { method: 'POST' })).json();
    const names = async () => SharedReportResponse.parse(await (await s.api(`/api/v1/shares/${share.token}/report`, { auth: false })).json()).runs.map((r) => r.name);
    expect(await names()).toEqual(['baseline', 'deleted later']);
    expect((await s.api(`/api/v1/runs/${gone.id}`, { method: 'DELETE' })).status).toBeLessThan(300);
    expect(await names()).toEqual(['baseline']);
    expect((await s.api(`/api/v1/shares/${share.token}/runs/${gone.id}/metrics/history?key=loss`, { auth: false })).status).toBe(404);
    expect((await s.api(`/api/v1/runs/${gone.id}/restore`, { method: 'POST' })).status).toBeLessThan(300);
    expect(await names()).toEqual(['baseline', 'deleted later']);
  });

  it('a deleted report takes its share links with it; run shares keep working beside report shares', async () => {
    const { report } = await (await create()).json();
    const { share } = await (await s.api(`/api/v1/reports/${report.id}/shares`, { method: 'POST' })).json();
    const runShare = (await (await s.api(`/api/v1/runs/${runA.id}/shares`, { method: 'POST' })).json()).share;
    expect((await s.api(`/api/v1/reports/${report.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await s.api(`/api/v1/shares/${share.token}/report`, { auth: false })).status).toBe(404);
    expect((await s.api(`/api/v1/shares/${runShare.token}`, { auth: false })).status).toBe(200);
    expect((await s.api(`/api/v1/shares/${runShare.token}/report`, { auth: false })).status).toBe(404);
    expect((await (await s.api(`/api/v1/runs/${runA.id}/shares`)).json()).shares.map((x: { token: string }) => x.token)).toEqual([runShare.token]);
  });
});
