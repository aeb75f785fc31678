import type { HyperbandSpec, MetricSpec } from './spec';

/**
 * Hyperband early termination as W&B documents it ("early_terminate"): brackets are iteration
 * counts — min_iter, min_iter·eta, min_iter·eta², … or, with max_iter and s, max_iter/eta^k for
 * k = 1..s. An iteration is one reported value of the sweep metric; the epoch numbers a trial
 * reports are shown in reasons but do not set the brackets (W&B: "The numerical value of the
 * step counter is not used in bracket calculations").
 *
 * The decision is taken at every report, asynchronously (trials never wait for each other):
 * once a trial has reported m values for the latest bracket m it has reached, its best value
 * over those m reports is compared with the same figure for every trial (running, finished or
 * stopped) that reached m. Ranked best first, the threshold is the value at position
 * ⌊n/eta⌋ (W&B's rule, which keeps the top 1/eta plus one, so the first trials are not cut
 * for being early) or, with `strict: true`, at position ⌈n/eta⌉−1 (exactly the top ⌈n/eta⌉,
 * as in the paper). A trial strictly worse than the threshold is stopped. NaN counts as the
 * worst possible value, so a diverged trial is stopped at its next bracket.
 */

/** W&B generates at most this many min_iter brackets; past ~eta^100 no run gets there anyway. */
export const MAX_BRACKETS = 100;

export function hyperbandBrackets(spec: HyperbandSpec): number[] {
  const brackets: number[] = [];
  if (spec.min_iter !== undefined) {
    let band = spec.min_iter;
    for (let k = 0; k < MAX_BRACKETS && band <= Number.MAX_SAFE_INTEGER; k++, band *= spec.eta) brackets.push(Math.floor(band));
  } else if (spec.max_iter !== undefined && spec.s !== undefined) {
    let band = spec.max_iter;
    for (let k = 0; k < Math.min(spec.s, MAX_BRACKETS); k++) {
      band /= spec.eta;
      if (band < 1) break;
      brackets.push(Math.floor(band));
    }
  }
  return [...new Set(brackets)].sort((a, b) => a - b);
}

/** One trial's reports of the sweep metric, in the order they arrived. */
export interface MetricCurve {
  trialId: string;
  epochs: number[];
  values: number[];
}

export type HyperbandDecision =
  | { stop: false; bracket: number | null }
  | { stop: true; bracket: number; threshold: number; reason: string };

/** Lower is better: values as losses, NaN worst. */
function toLoss(value: number, goal: MetricSpec['goal']): number {
  if (Number.isNaN(value)) return Infinity;
  return goal === 'maximize' ? -value : value;
}

/** Best loss over the first `m` reports. */
function bestLossAt(curve: MetricCurve, m: number, goal: MetricSpec['goal']): number {
  let best = Infinity;
  for (let i = 0; i < m; i++) best = Math.min(best, toLoss(curve.values[i], goal));
  return best;
}

const show = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));

export function decideHyperband(input: {
  spec: HyperbandSpec;
  metric: MetricSpec;
  /** The trial that just reported. */
  trial: MetricCurve;
  /** Every trial of the sweep with reports (may include `trial` itself; it is skipped by id). */
  trials: readonly MetricCurve[];
}): HyperbandDecision {
  const { spec, metric, trial } = input;
  const reached = trial.values.length;
  const bracket = [...hyperbandBrackets(spec)].reverse().find((b) => b <= reached);
  if (bracket === undefined) return { stop: false, bracket: null };
  const mine = bestLossAt(trial, bracket, metric.goal);
  const peers = input.trials.filter((t) => t.trialId !== trial.trialId && t.values.length >= bracket).map((t) => bestLossAt(t, bracket, metric.goal));
  const ranked = [...peers, mine].sort((a, b) => a - b);
  const n = ranked.length;
  const position = spec.strict ? Math.max(0, Math.ceil(n / spec.eta) - 1) : Math.floor(n / spec.eta);
  const threshold = ranked[Math.min(position, n - 1)];
  if (!(mine > threshold)) return { stop: false, bracket };
  const fromLoss = (loss: number) => (metric.goal === 'maximize' ? -loss : loss);
  // A trial that only reported NaN (diverged) ranks as +Infinity loss; say NaN, as it reported.
  const diverged = mine === Infinity && trial.values.slice(0, bracket).some(Number.isNaN);
  const reason =
    `hyperband: ${metric.name} ${diverged ? 'NaN' : show(fromLoss(mine))} at epoch ${trial.epochs[bracket - 1]} is not in the top 1/${show(spec.eta)} ` +
    `of ${n} trials at bracket ${bracket} (threshold ${show(fromLoss(threshold))}, goal ${metric.goal})`;
  return { stop: true, bracket, threshold: fromLoss(threshold), reason };
}
