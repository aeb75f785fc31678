import { runToWire } from '@/lib/track/api';
import type { Run } from '@/lib/track/schemas';
import { jsonInit, type TestServer } from '../harness';
import { makeRun } from '../fixtures';

export const BASE_MS = 1_750_000_000_000;

/**
 * 30 runs covering what filters and sorts must tell apart: numeric, text, boolean and nested
 * params, missing keys, NaN and ±Infinity metrics, NULL owners and finish times, tied createdAt
 * (pairs), tags present and absent.
 */
export function queryFixtureRuns(prefix: string): Run[] {
  return Array.from({ length: 30 }, (_, i) => {
    const config: Record<string, unknown> = { opt: i % 2 ? 'sgd' : 'adam', flag: i % 4 === 0, nested: { depth: i % 3 }, seed: i };
    if (i % 7 !== 0) config.lr = [0.1, 0.01, 0.001][i % 3];
    if (i % 5 === 0) config.mixed = i % 10 === 0 ? 'x5' : 5;
    const summary: Run['summary'] = {};
    if (i % 6 !== 0) {
      const last = i % 9 === 0 ? Number.NaN : i === 1 ? Number.POSITIVE_INFINITY : 1 / (i + 1);
      summary.loss = { last, min: 1 / (i + 2), max: 1 + i / 10, step: 9, count: 10 };
    }
    if (i % 2 === 0) summary['val/acc'] = { last: i / 30, min: 0, max: i / 30, step: 9, count: 10 };
    const tags: Record<string, string> = { team: i % 2 ? 'b' : 'a' };
    if (i % 3 === 0) tags.baseline = 'yes';
    return makeRun({
      id: `${prefix}-${String(i).padStart(2, '0')}`,
      name: `${['alpha', 'beta', 'gamma'][i % 3]} ${i}`,
      status: (['running', 'finished', 'failed'] as const)[i % 3],
      owner: i % 5 === 0 ? null : i % 2 ? 'bob' : 'ann',
      projectId: prefix,
      config,
      summary,
      tags,
      createdAt: BASE_MS + Math.floor(i / 2) * 1000,
      updatedAt: BASE_MS + i * 1000,
      finishedAt: i % 3 === 1 ? BASE_MS + i * 2000 : null,
    });
  });
}

export async function putRuns(s: TestServer, runs: Run[]): Promise<void> {
  for (const run of runs) {
    const res = await s.api(`/api/v1/runs/${run.id}`, jsonInit('PUT', runToWire(run)));
    if (res.status !== 200) throw new Error(`PUT ${run.id}: ${res.status} ${await res.text()}`);
  }
}
