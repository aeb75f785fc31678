import { createRng } from '@/lib/data/rng';
import { unitFromValue, valueFromUnit } from '../distributions';
import { buildConfig, categoryIndex, readDimension, type Dimension, type SearchSpace, type TrialConfig } from '../space';
import { normalCdf, normalLogPdf, normalQuantile } from '../special-functions';
import { randomSampler } from './random';
import { pickWeighted, trialSeed, type Observation, type Sampler } from './sampler';

/**
 * `method: bayes` is a Tree-structured Parzen Estimator (TPE; Bergstra et al. 2011, in the
 * multivariate form of Falkner et al. 2018), not W&B's Gaussian process. Why TPE:
 * - it models each parameter in its own terms: categorical choices as weighted categories,
 *   integers, log-scale and normal priors as coordinates in [0, 1] (the prior's CDF, see
 *   distributions.ts), and nested parameters as more dimensions — a GP would need a kernel
 *   designed for every mix of these types;
 * - a suggestion costs O(n·d·candidates) for n finished trials (a GP refit is O(n³)), so it stays
 *   instant in a browser tab or route handler even with hundreds of trials;
 * - it needs no numerical optimizer: candidates are sampled from the model of good trials.
 *
 * How: sort finished trials by loss, split off the best ⌈γ·n⌉ as "good". Fit a Parzen density
 * l(x) to the good ones and g(x) to the rest (product kernels: truncated Gaussians on [0, 1]
 * per numeric dimension, a smoothed one-hot per categorical one, plus one prior component).
 * Draw candidates from l and keep the one maximizing l(x)/g(x), i.e. expected improvement.
 * The first `startupTrials` trials are random, so the model has data to start from.
 */

export interface TpeOptions {
  /** Random trials before the model is used. */
  startupTrials: number;
  /** Fraction of finished trials counted as good. */
  gamma: number;
  /** Candidates drawn from l(x) per suggestion. */
  candidates: number;
  /** Bandwidth scale in unit space (times n^(-1/(d+4)), Scott's rule). */
  bandwidth: number;
  /** Smallest bandwidth, so the model never collapses onto one point. */
  minBandwidth: number;
  /** Weight of the prior component relative to one trial. */
  priorWeight: number;
}

export const DEFAULT_TPE_OPTIONS: TpeOptions = { startupTrials: 10, gamma: 0.2, candidates: 24, bandwidth: 0.15, minBandwidth: 0.02, priorWeight: 1 };

type Searchable = Exclude<Dimension, { kind: 'constant' }>;
/** A trial in model coordinates: a unit-space number per numeric dim, a category index (−1 unknown) per categorical. */
type Point = number[];

interface Parzen {
  centers: Point[];
  weights: number[];
  /** Kernel width of numeric dimensions in unit space. */
  sigma: number;
}

function encode(dims: Searchable[], config: TrialConfig): Point {
  return dims.map((d) => {
    const v = readDimension(config, d);
    if (d.kind === 'categorical') return categoryIndex(d, v);
    return typeof v === 'number' && Number.isFinite(v) ? unitFromValue(d.spec, v) : 0.5;
  });
}

function fitParzen(points: Point[], numericDims: number, o: TpeOptions): Parzen {
  const n = points.length;
  const scott = Math.max(n, 1) ** (-1 / (numericDims + 4));
  // One bandwidth for all numeric dimensions: they share the unit scale of their prior's CDF.
  const sigma = Math.min(1, Math.max(o.minBandwidth, o.bandwidth * scott));
  const total = n + o.priorWeight;
  return { centers: points, weights: [...points.map(() => 1 / total), o.priorWeight / total], sigma };
}

/** Log density at x of the truncated normal N(mu, sigma) restricted to [0, 1]. */
function truncatedLogPdf(x: number, mu: number, sigma: number): number {
  const mass = normalCdf((1 - mu) / sigma) - normalCdf(-mu / sigma);
  return normalLogPdf((x - mu) / sigma) - Math.log(sigma) - Math.log(Math.max(mass, 1e-300));
}

/** Categorical kernel: the observed category gets extra mass on top of the prior weights. */
function categoryProbability(dim: Extract<Searchable, { kind: 'categorical' }>, observed: number, k: number, o: TpeOptions): number {
  const own = observed === k ? 1 : 0;
  return (own + o.priorWeight * dim.probabilities[k]) / (observed >= 0 ? 1 + o.priorWeight : o.priorWeight);
}

function logDensity(model: Parzen, dims: Searchable[], x: Point, o: TpeOptions): number {
  const terms: number[] = [];
  for (let j = 0; j <= model.centers.length; j++) {
    const center = model.centers[j]; // undefined: the prior component
    let lp = Math.log(model.weights[j]);
    dims.forEach((d, i) => {
      if (d.kind === 'categorical') lp += Math.log(center ? categoryProbability(d, center[i], x[i], o) : d.probabilities[x[i]]);
      else if (center) lp += truncatedLogPdf(x[i], center[i], model.sigma);
      // The prior of a numeric dimension is uniform on [0, 1]: density 1, log 0.
    });
    terms.push(lp);
  }
  const max = Math.max(...terms);
  return max + Math.log(terms.reduce((s, t) => s + Math.exp(t - max), 0));
}

function sampleFrom(model: Parzen, dims: Searchable[], rng: () => number, o: TpeOptions): Point {
  const center = model.centers[pickWeighted(model.weights, rng())];
  return dims.map((d, i) => {
    if (d.kind === 'categorical') {
      const probs = d.values.map((_, k) => (center ? categoryProbability(d, center[i], k, o) : d.probabilities[k]));
      return pickWeighted(probs, rng());
    }
    if (!center) return rng();
    // Inverse-CDF draw from N(center, sigma) truncated to [0, 1].
    const lo = normalCdf(-center[i] / model.sigma);
    const hi = normalCdf((1 - center[i]) / model.sigma);
    const x = center[i] + model.sigma * normalQuantile(lo + rng() * (hi - lo));
    return Math.min(1, Math.max(0, x));
  });
}

function decode(space: SearchSpace, dims: Searchable[], x: Point): TrialConfig {
  let i = 0;
  return buildConfig(space, space.dimensions.map((d) => {
    if (d.kind === 'constant') return d.value;
    const xi = x[i++];
    return d.kind === 'categorical' ? d.values[xi] : valueFromUnit(d.spec, xi);
  }));
}

export function createTpeSampler(options: Partial<TpeOptions> = {}): Sampler {
  const o: TpeOptions = { ...DEFAULT_TPE_OPTIONS, ...options };
  return {
    capacity: () => Infinity,
    suggest(input) {
      const { space, seed, index, observations } = input;
      const dims = space.dimensions.filter((d): d is Searchable => d.kind !== 'constant');
      if (observations.length < o.startupTrials || dims.length === 0) return randomSampler.suggest(input);
      const ranked = observations.map((obs, order) => ({ obs, order })).sort((a, b) => compareLoss(a.obs, b.obs) || a.order - b.order);
      const nGood = Math.max(1, Math.ceil(o.gamma * ranked.length));
      const points = ranked.map(({ obs }) => encode(dims, obs.config));
      const numericDims = dims.filter((d) => d.kind === 'numeric').length;
      const good = fitParzen(points.slice(0, nGood), numericDims, o);
      const bad = fitParzen(points.slice(nGood), numericDims, o);
      const rng = createRng(trialSeed(seed, index, 1));
      let best: Point | null = null;
      let bestScore = -Infinity;
      for (let c = 0; c < o.candidates; c++) {
        const x = sampleFrom(good, dims, rng, o);
        const score = logDensity(good, dims, x, o) - logDensity(bad, dims, x, o);
        if (score > bestScore) {
          bestScore = score;
          best = x;
        }
      }
      return decode(space, dims, best ?? sampleFrom(good, dims, rng, o));
    },
  };
}

/** Orders losses ascending with NaN treated as +Infinity, so broken trials always rank last. */
function compareLoss(a: Observation, b: Observation): number {
  const la = Number.isNaN(a.loss) ? Infinity : a.loss;
  const lb = Number.isNaN(b.loss) ? Infinity : b.loss;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

export const tpeSampler: Sampler = createTpeSampler();
