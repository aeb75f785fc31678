import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_VIEW, nextSort, parseSort, viewFromSearch, viewToSearch, type RunView } from '@/lib/runs/run-view';

describe('run view ↔ URL', () => {
  it('the default view is the bare /runs link', () => {
    expect(viewToSearch(DEFAULT_VIEW).toString()).toBe('');
    expect(viewFromSearch(new URLSearchParams())).toEqual(DEFAULT_VIEW);
  });

  it('a shared link restores filter, sort, columns (in order), grouping and the deleted view', () => {
    const view: RunView = {
      filter: 'params.lr < 0.01 and tags.baseline',
      sort: '-metrics.val/loss.min',
      columns: ['name', 'metrics.val/loss.min', 'params.lr'],
      groupBy: 'params.optimizer',
      deleted: true,
    };
    const url = `/runs?${viewToSearch(view)}`;
    expect(viewFromSearch(new URL(url, 'http://x').searchParams)).toEqual(view);
  });

  it('round-trips any view (keys with commas, spaces, & and = included)', () => {
    const text = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(
        fc.record({
          filter: text,
          sort: fc.constantFrom('-createdAt', 'name', '-params.a,b', 'metrics.x.min'),
          columns: fc.option(fc.uniqueArray(text.filter((s) => s.length > 0), { minLength: 1, maxLength: 5 }), { nil: null }),
          groupBy: fc.option(text.filter((s) => s.length > 0), { nil: null }),
          deleted: fc.boolean(),
        }),
        (view) => {
          expect(viewFromSearch(new URLSearchParams(viewToSearch(view).toString()))).toEqual(view);
        },
      ),
    );
  });
});

describe('sort by header click', () => {
  it('a number column starts descending, a text column ascending, a second click flips', () => {
    expect(nextSort('-createdAt', 'metrics.loss.min')).toBe('-metrics.loss.min');
    expect(nextSort('-createdAt', 'name')).toBe('name');
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-metrics.loss.min', 'metrics.loss.min')).toBe('metrics.loss.min');
  });

  it('reads the first key of a multi-key sort', () => {
    expect(parseSort('-metrics.loss.min,name')).toEqual({ field: 'metrics.loss.min', descending: true });
    expect(parseSort('')).toEqual({ field: 'createdAt', descending: true });
  });
});
