import type { DrawnLine } from './chart-lines';
import { valueAtX } from './x-axis';

/** One group's aggregate line: at each x, the mean of its runs' values and their min and max. */
export interface GroupLine {
  key: string;
  /** Runs in the group. */
  count: number;
  x: number[];
  mean: number[];
  min: number[];
  max: number[];
}

/**
 * Runs grouped by a param (W&B's "group by"): each group becomes one mean line with a min–max
 * band. Runs are logged (and downsampled) at different x, so every member is read at each x of
 * the union of the members' x by its last value at or before it (valueAtX); a run contributes
 * only from its first point to its last, so a short run does not flatten the tail of the mean.
 * Non-finite values are left out of the aggregate. `ys` picks the smoothed or the raw values.
 */
export function groupLines(lines: readonly DrawnLine[], groupOf: (id: string) => string, ys: 'smoothed' | 'raw'): GroupLine[] {
  const groups = new Map<string, DrawnLine[]>();
  for (const line of lines) {
    const key = groupOf(line.id);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, members]) => {
    const xs = [...new Set(members.flatMap((m) => m.x))].sort((a, b) => a - b);
    const mean: number[] = [];
    const min: number[] = [];
    const max: number[] = [];
    for (const x of xs) {
      let sum = 0;
      let n = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (const m of members) {
        if (m.x.length === 0 || x > m.x[m.x.length - 1]) continue;
        const v = valueAtX(m.x, m[ys], x);
        if (v === undefined || !Number.isFinite(v)) continue;
        sum += v;
        n++;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      mean.push(n ? sum / n : Number.NaN);
      min.push(n ? lo : Number.NaN);
      max.push(n ? hi : Number.NaN);
    }
    return { key, count: members.length, x: xs, mean, min, max };
  });
}
