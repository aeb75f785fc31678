import { WATCH_PREFIX } from '../bench/watch/watch-keys';

/**
 * The column chooser's keys grouped by their first segment (`val/acc` and `val/loss` under
 * `val/`; nested config `optimizer.lr` under `optimizer.`), W&B's way of sorting a panel list.
 * A run logged with `bench.watch` has ~360 `watch/…` keys (weight and gradient percentiles): they
 * fold into one collapsed group instead of pushing the run's own params and metrics out of sight.
 * Pure: no React.
 */
export interface ColumnKeyGroup {
  /** `val/`, `optimizer.`, or null: the keys with no prefix shared by another key, listed first. */
  prefix: string | null;
  keys: string[];
  /** Folded until opened (or a search narrows the keys). */
  collapsed: boolean;
}

/**
 * Keys as a person reads them: numbers inside a key compare as numbers (`p3` before `p10`,
 * `dense_9` before `dense_10`, `p5` before `p25`); the server's `/columns` lists them byte-wise.
 */
export const compareKeysNaturally: (a: string, b: string) => number = new Intl.Collator('en', { numeric: true }).compare;

/** A group with more keys than this starts folded (and so does `watch/`, whatever its size). */
export const COLLAPSE_OVER = 24;

/** Prefixes whose keys are machine-made detail, folded by default. */
const FOLDED_PREFIXES = new Set([WATCH_PREFIX]);

/**
 * `keys` (in their order) grouped by the text up to and including the first `separator`: first
 * the ungrouped keys (no separator, or a prefix no other key shares), then the groups by prefix,
 * open ones before folded ones.
 */
export function groupColumnKeys(keys: readonly string[], separator: string): ColumnKeyGroup[] {
  const byPrefix = new Map<string, string[]>();
  const loose: string[] = [];
  for (const key of keys) {
    const at = key.indexOf(separator);
    // A key that starts with the separator (`/x`) has no prefix to speak of.
    if (at <= 0) {
      loose.push(key);
      continue;
    }
    const prefix = key.slice(0, at + separator.length);
    const list = byPrefix.get(prefix);
    if (list) list.push(key);
    else byPrefix.set(prefix, [key]);
  }
  const groups: ColumnKeyGroup[] = [];
  for (const [prefix, list] of byPrefix) {
    if (list.length === 1) loose.push(list[0]);
    else groups.push({ prefix, keys: list, collapsed: FOLDED_PREFIXES.has(prefix) || list.length > COLLAPSE_OVER });
  }
  groups.sort((a, b) => Number(a.collapsed) - Number(b.collapsed) || a.prefix!.localeCompare(b.prefix!));
  const order = new Map(keys.map((k, i) => [k, i]));
  loose.sort((a, b) => order.get(a)! - order.get(b)!);
  return loose.length > 0 ? [{ prefix: null, keys: loose, collapsed: false }, ...groups] : groups;
}
