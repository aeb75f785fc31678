import type { SweepMethod } from '../spec';
import { gridSampler } from './grid';
import { randomSampler } from './random';
import type { Sampler } from './sampler';
import { tpeSampler } from './tpe';

/** The search method of a sweep config → its sampler. Adding a method is one file and one line. */
export const SAMPLERS: Record<SweepMethod, Sampler> = {
  grid: gridSampler,
  random: randomSampler,
  bayes: tpeSampler,
};
