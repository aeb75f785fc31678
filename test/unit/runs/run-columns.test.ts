import { describe, expect, it } from 'vitest';
import { defaultColumns, metricColumn, paramColumn, parseColumn, requestedFields } from '@/lib/runs/run-columns';
import { groupFilter } from '@/lib/runs/run-groups';
import { parseRunFilter } from '@/lib/track/run-filter';

describe('run columns', () => {
  it('a column id is a field of the filter language, and parses back (keys with dots, slashes, backquotes)', () => {
    for (const key of ['lr', 'optimizer.lr', 'val/loss', 'a b', 'x.min', 'we`ird']) {
      expect(parseColumn(paramColumn(key))).toMatchObject({ kind: 'param', key });
      expect(parseColumn(metricColumn(key, 'min'))).toMatchObject({ kind: 'metric', key, stat: 'min' });
      // The server's sort parser reads the same text.
      expect(parseRunFilter(`${metricColumn(key, 'min')} > 1`).ok).toBe(true);
    }
    expect(parseColumn('createdAt')).toEqual({ kind: 'base', id: 'createdAt' });
    expect(parseColumn('nonsense')).toBeNull();
  });

  it('asks the server for the visible params and metrics only', () => {
    expect(requestedFields(['name', 'params.lr', 'metrics.loss.min', 'metrics.loss.max', 'tags'])).toEqual(['params.lr', 'metrics.loss']);
  });

  it('by default shows a few params (learning rate first) and validation metrics', () => {
    const cols = defaultColumns({ params: ['seed', 'lr', 'batch_size', 'a', 'b'], metrics: ['train/loss', 'val/accuracy', 'sys/mem', 'val/loss'], tags: [] });
    expect(cols.filter((c) => c.startsWith('params.'))).toEqual(['params.lr', 'params.batch_size', 'params.a', 'params.b']);
    expect(cols.filter((c) => c.startsWith('metrics.'))).toEqual(['metrics.val/accuracy.last', 'metrics.val/loss.last', 'metrics.train/loss.last']);
  });
});

describe('group filter', () => {
  it.each([
    ['', 'params.lr', { key: '0.01' }, 'params.lr in (0.01, "0.01")'],
    ['status = finished', 'params.optimizer', { key: 'adam "w"' }, '(status = finished) and params.optimizer = "adam \\"w\\""'],
    ['', 'tags.team', { key: '', missing: true }, 'not tags.team'],
  ])('%s / %s', (filter, by, group, expected) => {
    const text = groupFilter(filter, by, group);
    expect(text).toBe(expected);
    expect(parseRunFilter(text).ok).toBe(true);
  });
});
