import { z } from 'zod';
import { describeBadChoice, describeUnknownKeys } from './did-you-mean';
import { MAX_BRACKETS } from './hyperband';
import { isNestedParam, ParametersSchema, type ParamSpec } from './param-spec';

export { DISTRIBUTIONS, isNestedParam, type DistributionName, type LeafParamSpec, type NestedParamSpec, type ParamSpec } from './param-spec';

/**
 * W&B's sweep configuration ("Define a sweep configuration", "Sweep configuration options"),
 * so a W&B sweep file works unchanged. Keys that only matter to W&B's command-line agent
 * (program, command, entity, project, controller, job, image_uri, apiVersion, kind) are
 * accepted and ignored; unknown keys are errors, because a typo such as `parameter:` would
 * otherwise silently sweep nothing.
 */

export const SWEEP_METHODS = ['grid', 'random', 'bayes'] as const;
export type SweepMethod = (typeof SWEEP_METHODS)[number];

function strictKeys<T extends z.ZodRawShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKeyMessage(iss.keys, Object.keys(shape), what) : undefined),
  });
}

function unknownKeyMessage(keys: string[], known: string[], what: string): string {
  return `unknown key ${describeUnknownKeys(keys, known)} in ${what} (known: ${known.join(', ')})`;
}

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => describeBadChoice(iss.input, values) });

export const MetricSpecSchema = strictKeys(
  {
    name: z.string().min(1, 'the metric needs a name'),
    goal: oneOf(['minimize', 'maximize']).default('minimize'),
    /** The sweep creates no new trials once a finished trial reaches this value. */
    target: z.number().optional(),
    /** Accepted for compatibility; failed trials always count as the worst result here. */
    impute: oneOf(['latest', 'best', 'worst']).optional(),
    impute_while_running: oneOf(['latest', 'best', 'worst', 'false']).optional(),
  },
  'metric',
);
export type MetricSpec = z.infer<typeof MetricSpecSchema>;

export const HyperbandSpecSchema = strictKeys(
  {
    type: oneOf(['hyperband']),
    /** First bracket (in reported iterations); later brackets are min_iter·eta^k. */
    min_iter: z.number().int().min(1, 'min_iter must be ≥ 1').optional(),
    /** With `s`: brackets are max_iter/eta^k for k = 1..s (rounded down, at least 1). */
    max_iter: z.number().int().min(1, 'max_iter must be ≥ 1').optional(),
    s: z.number().int().min(1, 's must be ≥ 1').max(MAX_BRACKETS, `s (the number of brackets) must be ≤ ${MAX_BRACKETS}`).optional(),
    eta: z.number().gt(1, 'eta must be > 1').default(3),
    /** Strict: keep only the top ceil(n/eta) at a bracket (the paper); default keeps W&B's milder cut. */
    strict: z.boolean().default(false),
  },
  'early_terminate',
);
export type HyperbandSpec = z.infer<typeof HyperbandSpecSchema>;

const SweepShape = strictKeys(
  {
    method: oneOf(SWEEP_METHODS),
    parameters: ParametersSchema,
    metric: MetricSpecSchema.optional(),
    early_terminate: HyperbandSpecSchema.optional(),
    run_cap: z.number().int().positive('run_cap must be a positive integer').optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    program: z.string().optional(),
    command: z.array(z.unknown()).optional(),
    entity: z.string().optional(),
    project: z.string().optional(),
    controller: z.unknown().optional(),
    job: z.string().optional(),
    image_uri: z.string().optional(),
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
  },
  'the sweep config',
);

/** Parameters a grid can enumerate (W&B: categorical without probabilities, constant, int_uniform, q_uniform). */
function gridIssues(params: Record<string, ParamSpec>, path: (string | number)[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  for (const [name, p] of Object.entries(params)) {
    const at = [...path, name];
    if (isNestedParam(p)) {
      issues.push(...gridIssues(p.parameters, [...at, 'parameters']));
    } else if (p.distribution === 'categorical' && p.probabilities) {
      issues.push({ path: [...at, 'probabilities'], message: 'grid search tries every value, so probabilities do not apply: remove them or use method random' });
    } else if (p.distribution === 'q_uniform' && Math.floor(p.max / p.q + 1e-9) < Math.ceil(p.min / p.q - 1e-9)) {
      issues.push({ path: [...at, 'q'], message: `no multiple of q (${p.q}) lies in [${p.min}, ${p.max}], so the grid would be empty` });
    } else if (!['categorical', 'constant', 'int_uniform', 'q_uniform'].includes(p.distribution)) {
      issues.push({ path: [...at, 'distribution'], message: `grid search needs discrete values (values, value, int_uniform or q_uniform); ${p.distribution} is continuous: use method random or bayes, or list values` });
    }
  }
  return issues;
}

export const SweepSpecSchema = SweepShape.transform((spec, ctx) => {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (spec.method === 'bayes' && !spec.metric) issues.push({ path: ['metric'], message: 'method bayes needs a metric to optimize (metric: {name, goal})' });
  if (spec.early_terminate && !spec.metric) issues.push({ path: ['metric'], message: 'early_terminate needs a metric to compare trials by' });
  const et = spec.early_terminate;
  if (et && et.min_iter === undefined && (et.max_iter === undefined || et.s === undefined)) {
    issues.push({ path: ['early_terminate'], message: 'hyperband needs min_iter, or max_iter together with s' });
  }
  if (et && et.min_iter === undefined && et.max_iter !== undefined && et.s !== undefined && et.max_iter / et.eta < 1) {
    issues.push({ path: ['early_terminate', 'max_iter'], message: `max_iter ${et.max_iter} / eta ${et.eta} < 1 leaves no bracket: raise max_iter or lower eta` });
  }
  if (spec.method === 'grid') issues.push(...gridIssues(spec.parameters, ['parameters']));
  for (const issue of issues) ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: spec });
  return issues.length > 0 ? z.NEVER : spec;
});

/** A validated sweep config with every default filled in (still a valid W&B config). */
export type SweepSpec = z.output<typeof SweepSpecSchema>;
