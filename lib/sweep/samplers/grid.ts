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
export function gridValues(dim: Dimension): unknown[] {
  switch (dim.kind) {
    case 'constant':
      return [dim.value];
    case 'categorical':
      return dim.values;
    case 'numeric': {
      const s = dim.spec;
      if (s.distribution === 'int_uniform') return Array.from({ length: s.max - s.min + 1 }, (_, k) => s.min + k);
      if (s.distribution === 'q_uniform') {
        const first = Math.ceil(s.min / s.q - 1e-9);
        const last = Math.floor(s.max / s.q + 1e-9);
        return Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => quantize((first + k) * s.q, s.q));
      }
      throw new Error(`grid search cannot enumerate ${dim.path.join('.')} (${s.distribution}): give values instead`);
    }
  }
}

export const gridSampler: Sampler = {
  capacity: (space: SearchSpace) => space.dimensions.reduce((n, d) => n * gridValues(d).length, 1),
  suggest({ space, index }) {
    const lists = space.dimensions.map(gridValues);
    const total = lists.reduce((n, l) => n * l.length, 1);
    if (index < 0 || index >= total) throw new RangeError(`grid has ${total} combinations; trial index ${index} is past the end`);
    const picks = new Array<unknown>(lists.length);
    let rest = index;
    for (let i = lists.length - 1; i >= 0; i--) {
      picks[i] = lists[i][rest % lists[i].length];
      rest = Math.floor(rest / lists[i].length);
    }
    return buildConfig(space, picks);
  },
};
