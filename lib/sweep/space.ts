import { isNumericSpec, type NumericParamSpec } from './distributions';
import { isNestedParam, type ParamSpec } from './param-spec';

/**
 * A sweep's parameters flattened into leaf dimensions, in the order the config lists them
 * (depth first through nested `parameters:`). Samplers pick one value per dimension; `buildConfig`
 * puts them back into the nested shape W&B gives a run (`{optimizer: {lr: 0.01}}`).
 */

export type Dimension =
  | { kind: 'constant'; path: string[]; value: unknown }
  | { kind: 'categorical'; path: string[]; values: unknown[]; /** Prior weights, summing to 1. */ probabilities: number[] }
  | { kind: 'numeric'; path: string[]; spec: NumericParamSpec };

export interface SearchSpace {
  dimensions: Dimension[];
}

export type TrialConfig = Record<string, unknown>;

export function buildSearchSpace(parameters: Record<string, ParamSpec>): SearchSpace {
  const dimensions: Dimension[] = [];
  const walk = (params: Record<string, ParamSpec>, prefix: string[]) => {
    for (const [name, p] of Object.entries(params)) {
      const path = [...prefix, name];
      if (isNestedParam(p)) walk(p.parameters, path);
      else if (p.distribution === 'constant') dimensions.push({ kind: 'constant', path, value: p.value });
      else if (p.distribution === 'categorical') {
        const probabilities = p.probabilities ?? p.values.map(() => 1 / p.values.length);
        dimensions.push({ kind: 'categorical', path, values: p.values, probabilities });
      } else if (isNumericSpec(p)) dimensions.push({ kind: 'numeric', path, spec: p });
    }
  };
  walk(parameters, []);
  return { dimensions };
}

/** The nested config for one value per dimension (values are copied, never shared with the spec). */
export function buildConfig(space: SearchSpace, values: readonly unknown[]): TrialConfig {
  const config: TrialConfig = {};
  space.dimensions.forEach((dim, i) => {
    let node = config;
    for (const key of dim.path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as TrialConfig;
    }
    node[dim.path[dim.path.length - 1]] = structuredClone(values[i]);
  });
  return config;
}

/** The value a config holds for a dimension (undefined when absent). */
export function readDimension(config: TrialConfig, dim: Dimension): unknown {
  let node: unknown = config;
  for (const key of dim.path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Index of a categorical value, comparing by JSON so `{a: 1}` in a config matches the spec's `{a: 1}`. */
export function categoryIndex(dim: Extract<Dimension, { kind: 'categorical' }>, value: unknown): number {
  const key = JSON.stringify(value);
  return dim.values.findIndex((v) => JSON.stringify(v) === key);
}

export const dimensionName = (dim: Dimension): string => dim.path.join('.');
