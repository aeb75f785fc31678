import { z } from 'zod';
import { describeBadChoice, describeUnknownKeys } from './did-you-mean';

/**
 * One sweep parameter as W&B's sweep config writes it ("Sweep configuration options": values,
 * value, distribution, probabilities, min/max, mu, sigma, q, nested parameters), validated and
 * normalized: every leaf gets an explicit `distribution` and its defaults filled in. The
 * normalized form is itself a valid W&B parameter, so normalizing twice changes nothing.
 */

export const DISTRIBUTIONS = [
  'constant', 'categorical', 'int_uniform', 'uniform', 'q_uniform',
  'log_uniform', 'log_uniform_values', 'q_log_uniform', 'q_log_uniform_values',
  'inv_log_uniform', 'inv_log_uniform_values',
  'normal', 'q_normal', 'log_normal', 'q_log_normal', 'beta', 'q_beta',
] as const;
export type DistributionName = (typeof DISTRIBUTIONS)[number];

type Range = { min: number; max: number };
type Gauss = { mu: number; sigma: number };
type Shape = { a: number; b: number };

export type LeafParamSpec =
  | { distribution: 'constant'; value: unknown }
  | { distribution: 'categorical'; values: unknown[]; probabilities?: number[] }
  | ({ distribution: 'int_uniform' | 'uniform' | 'log_uniform' | 'log_uniform_values' | 'inv_log_uniform' | 'inv_log_uniform_values' } & Range)
  | ({ distribution: 'q_uniform' | 'q_log_uniform' | 'q_log_uniform_values'; q: number } & Range)
  | ({ distribution: 'normal' | 'log_normal' } & Gauss)
  | ({ distribution: 'q_normal' | 'q_log_normal'; q: number } & Gauss)
  | ({ distribution: 'beta' } & Shape)
  | ({ distribution: 'q_beta'; q: number } & Shape);

export interface NestedParamSpec {
  parameters: Record<string, ParamSpec>;
}
export type ParamSpec = LeafParamSpec | NestedParamSpec;

export const isNestedParam = (p: ParamSpec): p is NestedParamSpec => 'parameters' in p;

/** The keys each distribution reads (besides `distribution`); anything else is a mistake. */
const FIELDS: Record<DistributionName, readonly string[]> = {
  constant: ['value'],
  categorical: ['values', 'probabilities'],
  int_uniform: ['min', 'max'],
  uniform: ['min', 'max'],
  q_uniform: ['min', 'max', 'q'],
  log_uniform: ['min', 'max'],
  log_uniform_values: ['min', 'max'],
  q_log_uniform: ['min', 'max', 'q'],
  q_log_uniform_values: ['min', 'max', 'q'],
  inv_log_uniform: ['min', 'max'],
  inv_log_uniform_values: ['min', 'max'],
  normal: ['mu', 'sigma'],
  q_normal: ['mu', 'sigma', 'q'],
  log_normal: ['mu', 'sigma'],
  q_log_normal: ['mu', 'sigma', 'q'],
  beta: ['a', 'b'],
  q_beta: ['a', 'b', 'q'],
};

/** Distributions whose min/max are values of the parameter itself and so must be positive. */
const POSITIVE_RANGE = new Set<DistributionName>(['log_uniform_values', 'q_log_uniform_values', 'inv_log_uniform_values']);

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

const PARAM_KEYS = ['distribution', 'value', 'values', 'probabilities', 'min', 'max', 'q', 'mu', 'sigma', 'a', 'b', 'parameters'];

const RawParam = z.strictObject(
  {
    distribution: z.enum([...DISTRIBUTIONS, 'categorical_w_probabilities'], {
      error: (iss) => describeBadChoice(iss.input, DISTRIBUTIONS),
    }).optional(),
    value: z.unknown().optional(),
    values: z.array(z.unknown()).min(1, 'needs at least one value').optional(),
    probabilities: z.array(finite.min(0, 'probabilities must be ≥ 0')).optional(),
    min: finite.optional(),
    max: finite.optional(),
    q: finite.positive('q must be > 0').optional(),
    mu: finite.optional(),
    sigma: finite.positive('sigma must be > 0').optional(),
    a: finite.positive('a must be > 0').optional(),
    b: finite.positive('b must be > 0').optional(),
    get parameters(): z.ZodOptional<z.ZodType<Record<string, ParamSpec>>> {
      return ParametersSchema.optional();
    },
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown key ${describeUnknownKeys(iss.keys, PARAM_KEYS)} (a parameter takes ${PARAM_KEYS.join(', ')})` : undefined) },
);
type RawParam = z.infer<typeof RawParam>;

/** W&B's inference when `distribution` is omitted (documented in "Sweep configuration options"). */
function inferDistribution(p: RawParam): DistributionName | null {
  if (p.distribution === 'categorical_w_probabilities') return 'categorical';
  if (p.distribution) return p.distribution;
  if (p.values !== undefined) return 'categorical';
  if (p.value !== undefined || 'value' in p) return 'constant';
  if (p.min !== undefined && p.max !== undefined) return Number.isInteger(p.min) && Number.isInteger(p.max) ? 'int_uniform' : 'uniform';
  return null;
}

type Issue = { path: (string | number)[]; message: string };

/** Checks one leaf parameter's fields against its distribution and fills W&B's defaults. */
function normalizeLeaf(p: RawParam, issues: Issue[]): LeafParamSpec | null {
  const distribution = inferDistribution(p);
  if (!distribution) {
    issues.push({ path: [], message: 'cannot tell the distribution: give values, value, min and max, or a distribution' });
    return null;
  }
  const allowed = FIELDS[distribution];
  for (const key of Object.keys(p)) {
    if (key !== 'distribution' && !allowed.includes(key)) {
      issues.push({ path: [key], message: `not used by distribution ${distribution} (it takes ${allowed.join(', ')})` });
    }
  }
  const before = issues.length;
  const need = (key: 'min' | 'max' | 'value' | 'values') => {
    if (p[key] === undefined && !(key === 'value' && 'value' in p)) issues.push({ path: [key], message: `required by distribution ${distribution}` });
  };
  if (distribution === 'constant') need('value');
  if (distribution === 'categorical') need('values');
  if (allowed.includes('min')) { need('min'); need('max'); }
  if (issues.length > before) return null;

  const q = p.q ?? 1;
  const gauss = { mu: p.mu ?? 0, sigma: p.sigma ?? 1 };
  const shape = { a: p.a ?? 1, b: p.b ?? 1 };
  switch (distribution) {
    case 'constant':
      return { distribution, value: p.value };
    case 'categorical':
      return normalizeCategorical(p.values ?? [], p.probabilities, issues);
    case 'normal': case 'log_normal':
      return { distribution, ...gauss };
    case 'q_normal': case 'q_log_normal':
      return { distribution, ...gauss, q };
    case 'beta':
      return { distribution, ...shape };
    case 'q_beta':
      return { distribution, ...shape, q };
    default:
      return normalizeRange(distribution, p.min as number, p.max as number, q, issues);
  }
}

function normalizeCategorical(values: unknown[], probabilities: number[] | undefined, issues: Issue[]): LeafParamSpec | null {
  if (probabilities === undefined) return { distribution: 'categorical', values };
  if (probabilities.length !== values.length) {
    issues.push({ path: ['probabilities'], message: `has ${probabilities.length} entries for ${values.length} values` });
    return null;
  }
  const sum = probabilities.reduce((s, x) => s + x, 0);
  if (Math.abs(sum - 1) > 1e-6) {
    issues.push({ path: ['probabilities'], message: `must sum to 1 (they sum to ${Number(sum.toPrecision(8))})` });
    return null;
  }
  return { distribution: 'categorical', values, probabilities };
}

function normalizeRange(distribution: Exclude<DistributionName, 'constant' | 'categorical' | 'normal' | 'log_normal' | 'q_normal' | 'q_log_normal' | 'beta' | 'q_beta'>, min: number, max: number, q: number, issues: Issue[]): LeafParamSpec | null {
  if (distribution === 'int_uniform' && !(Number.isInteger(min) && Number.isInteger(max))) {
    issues.push({ path: [Number.isInteger(min) ? 'max' : 'min'], message: 'int_uniform needs integer min and max' });
    return null;
  }
  if (distribution === 'int_uniform' ? min > max : min >= max) {
    issues.push({ path: ['max'], message: `max (${max}) must be ${distribution === 'int_uniform' ? '≥' : '>'} min (${min})` });
    return null;
  }
  if (POSITIVE_RANGE.has(distribution) && min <= 0) {
    issues.push({ path: ['min'], message: `${distribution} takes the values themselves, so min must be > 0 (got ${min}); for exponents use ${distribution.replace('_values', '')}` });
    return null;
  }
  if (distribution === 'q_uniform' || distribution === 'q_log_uniform' || distribution === 'q_log_uniform_values') {
    return { distribution, min, max, q };
  }
  return { distribution, min, max };
}

/** A `parameters:` mapping: names to parameters, each normalized (recursively for nesting). */
export const ParametersSchema: z.ZodType<Record<string, ParamSpec>> = z
  .record(z.string().regex(PARAM_NAME, 'parameter names start with a letter or "_" and use letters, digits, "_", "-", "."'), z.lazy(() => ParamSchema))
  .refine((r) => Object.keys(r).length > 0, 'needs at least one parameter');

export const ParamSchema: z.ZodType<ParamSpec> = RawParam.transform((p, ctx) => {
  const issues: Issue[] = [];
  let result: ParamSpec | null;
  if (p.parameters !== undefined) {
    const extra = Object.keys(p).filter((k) => k !== 'parameters');
    for (const key of extra) issues.push({ path: [key], message: 'a parameter with nested parameters takes nothing else' });
    result = { parameters: p.parameters };
  } else {
    result = normalizeLeaf(p, issues);
  }
  for (const issue of issues) ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: p });
  return issues.length > 0 || result === null ? z.NEVER : result;
});
