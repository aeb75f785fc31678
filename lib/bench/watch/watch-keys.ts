/**
 * How bench.watch stores what it sees, as ordinary metric points (so they go to IndexedDB, the
 * outbox and the server with the run, keyed by (run, key, step) like every metric):
 *   watch/w/<weight>/p<bp>   percentile bp of a weight tensor's values
 *   watch/g/<weight>/p<bp>   the same for its gradient
 *   watch/a/<layer>/<stat>   activation statistics of a layer's output (mean, std, zero fraction)
 * The percentiles are TensorBoard's distribution basis points: the bands it draws (min–max,
 * 7–93 %, 16–84 %, 31–69 %, median), and the edges of an equal-mass histogram (8 bins holding
 * 7, 9, 15, 19, 19, 15, 9 and 7 % of the values) that the run page draws per step.
 */
export const WATCH_PREFIX = 'watch/';
export const BASIS_POINTS = [0, 7, 16, 31, 50, 69, 84, 93, 100] as const;
export const ACTIVATION_STATS = ['mean', 'std', 'zero'] as const;
export type ActivationStat = (typeof ACTIVATION_STATS)[number];

export type WatchedKind = 'w' | 'g';

export const quantileKey = (kind: WatchedKind, tensor: string, bp: number) => `${WATCH_PREFIX}${kind}/${tensor}/p${bp}`;
export const activationKey = (layer: string, stat: ActivationStat) => `${WATCH_PREFIX}a/${layer}/${stat}`;

const QUANTILE = /^watch\/([wg])\/(.+)\/p(\d+)$/;
const ACTIVATION = /^watch\/a\/(.+)\/(mean|std|zero)$/;

export type ParsedWatchKey =
  | { type: 'quantile'; kind: WatchedKind; tensor: string; bp: number }
  | { type: 'activation'; layer: string; stat: ActivationStat };

export function parseWatchKey(key: string): ParsedWatchKey | null {
  const q = QUANTILE.exec(key);
  if (q && (BASIS_POINTS as readonly number[]).includes(Number(q[3]))) return { type: 'quantile', kind: q[1] as WatchedKind, tensor: q[2], bp: Number(q[3]) };
  const a = ACTIVATION.exec(key);
  if (a) return { type: 'activation', layer: a[1], stat: a[2] as ActivationStat };
  return null;
}

/** Keys the metric charts leave out: watch series (drawn by the watch panel) and run warnings (a banner). */
export const isInstrumentKey = (key: string) => key.startsWith(WATCH_PREFIX) || key.startsWith('warn/');
