import type { ListParamValue } from '../run-list';

export interface DiffRow {
  key: string;
  /** One per run, in the runs' order; undefined where the run has no such key. */
  values: (ListParamValue | undefined)[];
  /** The runs do not all hold the same value (a missing key counts as a value of its own). */
  differs: boolean;
}

const same = (a: ListParamValue | undefined, b: ListParamValue | undefined) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * The config of several runs side by side, key by key (sorted), for the compare view's diff
 * table. Params are the runs' scalar config leaves by dotted path (`listParams`). With
 * `onlyDiffering`, keys every run holds with the same value are left out: what a reader wants to
 * know is what changed between the runs.
 */
export function configDiff(params: readonly Record<string, ListParamValue>[], { onlyDiffering }: { onlyDiffering: boolean }): DiffRow[] {
  const keys = new Set<string>();
  for (const p of params) for (const k of Object.keys(p)) keys.add(k);
  const rows: DiffRow[] = [];
  for (const key of [...keys].sort()) {
    const values = params.map((p) => (Object.hasOwn(p, key) ? p[key] : undefined));
    const differs = values.some((v) => !same(v, values[0]));
    if (differs || !onlyDiffering) rows.push({ key, values, differs });
  }
  return rows;
}
