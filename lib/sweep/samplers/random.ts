import { createRng } from '@/lib/data/rng';
import { valueFromUnit } from '../distributions';
import { buildConfig, type Dimension, type SearchSpace, type TrialConfig } from '../space';
import { pickWeighted, trialSeed, type Sampler } from './sampler';

/** One value per dimension drawn from its prior (categorical weights or the distribution's quantile function). */
export function samplePrior(space: SearchSpace, rng: () => number): unknown[] {
  return space.dimensions.map((dim: Dimension) => {
    switch (dim.kind) {
      case 'constant':
        return dim.value;
      case 'categorical':
        return dim.values[pickWeighted(dim.probabilities, rng())];
      case 'numeric':
        return valueFromUnit(dim.spec, rng());
    }
  });
}

/** Random search: every trial is an independent draw from the priors, seeded by (sweep seed, trial index). */
export const randomSampler: Sampler = {
  capacity: () => Infinity,
  suggest({ space, seed, index }): TrialConfig {
    return buildConfig(space, samplePrior(space, createRng(trialSeed(seed, index))));
  },
};
