import type { SearchSpace, TrialConfig } from '../space';

/**
 * The contract every search method implements. Samplers are pure: the same space, seed, trial
 * index and observations give the same config, so a sweep's state can be persisted as data and
 * any server instance (or a test) can reproduce what a sampler would suggest.
 */

/** One completed trial as a sampler sees it. */
export interface Observation {
  config: TrialConfig;
  /** The sweep metric turned into a loss (negated when the goal is maximize); +Infinity for failed or NaN trials. */
  loss: number;
}

export interface SuggestInput {
  space: SearchSpace;
  /** The sweep's seed. */
  seed: number;
  /** 0-based index of the trial being created (grid position; per-trial random stream). */
  index: number;
  /** Completed trials in creation order (model-based methods learn from them). */
  observations: readonly Observation[];
}

export interface Sampler {
  /** How many distinct configs the method can create (Infinity for random and bayes). */
  capacity(space: SearchSpace): number;
  suggest(input: SuggestInput): TrialConfig;
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A per-trial seed from (sweep seed, trial index, stream). Each input is absorbed after the
 * previous state was mixed, so (seed 0, trial 1) and (seed 1, trial 0) get unrelated streams.
 */
export function trialSeed(seed: number, index: number, stream = 0): number {
  let h = fmix32(seed ^ 0x9e3779b9);
  h = fmix32(h ^ Math.imul(index + 1, 0x27d4eb2f));
  h = fmix32(h ^ Math.imul(stream + 1, 0x165667b1));
  return h;
}

/** Index drawn from weights summing to 1 with one uniform number. */
export function pickWeighted(weights: readonly number[], u: number): number {
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (u < acc) return i;
  }
  return weights.length - 1;
}
