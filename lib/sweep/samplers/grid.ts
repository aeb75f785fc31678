import { quantize } from '../distributions';
import { buildConfig, type Dimension, type SearchSpace } from '../space';
import type { Sampler } from './sampler';

/**
 * Grid search: every combination, in a fixed order. Parameters keep the order the config lists
 * them (nested ones depth first) and the LAST parameter varies fastest, like nested for-loops
 * (and Python's itertools.product, which W&B uses). Trial i is combination i, so the order is
 * the same on every machine and a re-issued trial keeps its combination.
 *
 * Gridable (as in W&B): `values` (without probabilities), `value`, `int_uniform` (min..max
 * inclusive) and `q_uniform` (the multiples of q inside [min, max], inclusive; W&B uses
 * numpy's arange(min, max, q), which skips max — we keep max so it matches what q_uniform
 * samples). Continuous distributions are rejected by the spec before a sampler runs.
 */
/**
 * How many values a dimension contributes, and the k-th of them, computed rather than listed: an
 * `int_uniform` from 0 to 10^8 is a valid (if long) grid, and listing it on every lease ran the
 * server out of memory. Each trial costs O(number of parameters) whatever the grid's size.
 */
function gridAxis(dim: Dimension): { count: number; at(k: number): unknown } {
  switch (dim.kind) {
    case 'constant':
      return { count: 1, at: () => dim.value };
    case 'categorical':
      return { count: dim.values.length, at: (k) => dim.values[k] };
    case 'numeric': {
      const s = dim.spec;
      if (s.distribution === 'int_uniform') return { count: s.max - s.min + 1, at: (k) => s.min + k };
      if (s.distribution === 'q_uniform') {
        const first = Math.ceil(s.min / s.q - 1e-9);
        const last = Math.floor(s.max / s.q + 1e-9);
        return { count: Math.max(0, last - first + 1), at: (k) => quantize((first + k) * s.q, s.q) };
      }
      throw new Error(`grid search cannot enumerate ${dim.path.join('.')} (${s.distribution}): give values instead`);
    }
  }
}

export const gridSampler: Sampler = {
  /** May exceed 2^53 (then it is approximate), which only matters for "grid done", never reached. */
  capacity: (space: SearchSpace) => space.dimensions.reduce((n, d) => n * gridAxis(d).count, 1),
  suggest({ space, index }) {
    const axes = space.dimensions.map(gridAxis);
    const total = axes.reduce((n, a) => n * a.count, 1);
    if (index < 0 || index >= total) throw new RangeError(`grid has ${total} combinations; trial index ${index} is past the end`);
    const picks = new Array<unknown>(axes.length);
    let rest = index;
    for (let i = axes.length - 1; i >= 0; i--) {
      picks[i] = axes[i].at(rest % axes[i].count);
      rest = Math.floor(rest / axes[i].count);
    }
    return buildConfig(space, picks);
  },
};
