import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hyperbandBrackets } from '@/lib/sweep/hyperband';
import { parseSweepSource, toSweepSpec, SweepSpecError, validateSweepConfig } from '@/lib/sweep/parse';
import { gridSampler } from '@/lib/sweep/samplers/grid';
import { buildSearchSpace, dimensionName } from '@/lib/sweep/space';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, {
  method: string; metric: { name: string; goal: string }; distributions: Record<string, string>;
  gridSize?: number; brackets?: number[]; bracketsStartWith?: number[];
}>;

describe('W&B example sweep configs parse unchanged', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
  it('has a hand-written expectation for every fixture', () => {
    expect(files.sort()).toEqual(Object.keys(expected).filter((k) => !k.startsWith('_')).sort());
  });

  for (const file of files) {
    it(file, () => {
      const want = expected[file];
      const result = parseSweepSource(readFileSync(path.join(FIXTURES, file), 'utf8'));
      if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
      const spec = result.spec;
      expect(spec.method).toBe(want.method);
      expect(spec.metric).toMatchObject(want.metric);
      const space = buildSearchSpace(spec.parameters);
      const distributions = Object.fromEntries(space.dimensions.map((d) => [dimensionName(d), d.kind === 'numeric' ? d.spec.distribution : d.kind]));
      expect(distributions).toEqual(want.distributions);
      if (want.gridSize !== undefined) expect(gridSampler.capacity(space)).toBe(want.gridSize);
      if (want.brackets) expect(hyperbandBrackets(spec.early_terminate!)).toEqual(want.brackets);
      if (want.bracketsStartWith) expect(hyperbandBrackets(spec.early_terminate!).slice(0, want.bracketsStartWith.length)).toEqual(want.bracketsStartWith);
      // Normalizing a normalized spec changes nothing: it is still a valid W&B config.
      expect(toSweepSpec(spec)).toEqual(spec);
    });
  }
});

function errorsOf(source: string, format?: 'yaml' | 'json') {
  const result = parseSweepSource(source, format);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('schema errors name the field and the line', () => {
  it('a misspelt distribution points at its value', () => {
    const [e] = errorsOf('method: random\nparameters:\n  lr:\n    distribution: log_unifrom\n    min: -9\n    max: -1\n');
    expect(e.path).toBe('parameters.lr.distribution');
    expect(e.message).toMatch(/^parameters\.lr\.distribution: expected one of constant, categorical, .*log_uniform_values.*; got "log_unifrom" \(did you mean "log_uniform"\?\)$/);
    expect([e.line, e.column]).toEqual([4, 19]);
  });

  it('an unknown top-level key suggests the right one and points at the key', () => {
    const [e] = errorsOf('method: random\nparameter:\n  lr: {values: [1]}\nparameters:\n  a: {value: 1}\n');
    expect(e.path).toBe('parameter');
    expect(e.message).toContain('did you mean "parameters"?');
    expect([e.line, e.column]).toEqual([2, 1]);
  });

  it('reports every problem at once, each on its own line', () => {
    const errors = errorsOf([
      'method: bayes',
      'parameters:',
      '  bs:',
      '    values: [16, 32]',
      '    probabilities: [0.5, 0.4]',
      '  lr:',
      '    distribution: log_uniform_values',
      '    min: 0',
      '    max: 0.1',
      '  n:',
      '    distribution: int_uniform',
      '    min: 1.5',
      '    max: 4',
    ].join('\n'));
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(byPath['parameters.bs.probabilities'].message).toContain('must sum to 1 (they sum to 0.9)');
    expect(byPath['parameters.bs.probabilities'].line).toBe(5);
    expect(byPath['parameters.lr.min'].message).toContain('min must be > 0');
    expect(byPath['parameters.lr.min'].line).toBe(8);
    expect(byPath['parameters.n.min'].message).toContain('int_uniform needs integer min and max');
    expect(byPath['parameters.n.min'].line).toBe(12);
  });

  it('a field a distribution does not use is an error at that field', () => {
    const [e] = errorsOf('method: random\nparameters:\n  lr:\n    distribution: uniform\n    min: 0.1\n    max: 1\n    q: 0.1\n');
    expect(e.path).toBe('parameters.lr.q');
    expect(e.message).toContain('not used by distribution uniform');
    expect(e.line).toBe(7);
  });

  it('a missing field points at the parameter that lacks it', () => {
    const [e] = errorsOf('method: random\nparameters:\n  lr:\n    distribution: uniform\n    min: 0.1\n');
    expect(e.path).toBe('parameters.lr.max');
    expect(e.message).toContain('required by distribution uniform');
    expect(e.line).toBe(4);
  });

  it('cross-field rules: bayes needs a metric, hyperband needs brackets, grid needs discrete values', () => {
    expect(errorsOf('method: bayes\nparameters:\n  a: {values: [1, 2]}\n')[0].message).toContain('metric: method bayes needs a metric');
    const hb = errorsOf('method: random\nmetric: {name: loss}\nparameters:\n  a: {values: [1]}\nearly_terminate: {type: hyperband, max_iter: 27}\n');
    expect(hb[0].path).toBe('early_terminate');
    expect(hb[0].message).toContain('min_iter, or max_iter together with s');
    expect(hb[0].line).toBe(5);
    const grid = errorsOf('method: grid\nparameters:\n  lr: {min: 0.001, max: 0.1}\n  p: {values: [a, b], probabilities: [0.5, 0.5]}\n');
    expect(grid.map((e) => e.path)).toEqual(['parameters.lr.distribution', 'parameters.p.probabilities']);
    expect(grid[0].message).toContain('grid search needs discrete values');
    expect(grid[0].line).toBe(3);
  });

  it('YAML syntax errors and strict JSON errors carry positions', () => {
    const [y] = errorsOf('method: random\nparameters:\n  a: {min: 1, max: 2\n');
    expect(y.line).toBeGreaterThanOrEqual(3);
    expect(y.message.length).toBeGreaterThan(0);
    const [j] = errorsOf('{"method": "random",\n "parameters": {"a": {"values": [1]},}}', 'json');
    expect(j.message).toMatch(/^invalid JSON/);
    expect(j.line).toBe(2);
    expect(errorsOf('')[0].message).toContain('empty');
  });

  it('JSON text validates like YAML', () => {
    const r = parseSweepSource('{"method": "grid", "parameters": {"a": {"values": [1, 2]}}}', 'json');
    expect(r.ok && r.spec.parameters.a).toEqual({ distribution: 'categorical', values: [1, 2] });
  });

  it('objects (cell code) get the same errors without positions, and toSweepSpec throws them', () => {
    const r = validateSweepConfig({ method: 'random', parameters: { lr: { distribution: 'normal', sigma: -1 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: 'parameters.lr.sigma', line: 0 });
    expect(() => toSweepSpec({ method: 'sgd', parameters: { a: { value: 1 } } })).toThrow(SweepSpecError);
    expect(() => toSweepSpec({ method: 'sgd', parameters: { a: { value: 1 } } })).toThrow(/method: expected one of grid, random, bayes; got "sgd"$/m);
    expect(() => toSweepSpec({ method: 'bayse', parameters: { a: { value: 1 } } })).toThrow(/method: expected one of grid, random, bayes; got "bayse" \(did you mean "bayes"\?\)/);
  });
});

describe('distribution inference as W&B documents it', () => {
  it('values → categorical, value → constant, int min/max → int_uniform, float min/max → uniform', () => {
    const spec = toSweepSpec('method: random\nparameters:\n  a: {values: [1, 2]}\n  b: {value: 3}\n  c: {min: 1, max: 10}\n  d: {min: 0.5, max: 10}\n  e: {min: 1.0, max: 10}\n  f: {min: !!float 1e-5, max: 1}\n  g: {value: null}\n');
    expect(spec.parameters).toEqual({
      a: { distribution: 'categorical', values: [1, 2] },
      b: { distribution: 'constant', value: 3 },
      c: { distribution: 'int_uniform', min: 1, max: 10 },
      d: { distribution: 'uniform', min: 0.5, max: 10 },
      // `1.0` is a float in W&B's YAML even though JavaScript reads it as 1.
      e: { distribution: 'uniform', min: 1, max: 10 },
      f: { distribution: 'uniform', min: 1e-5, max: 1 },
      g: { distribution: 'constant', value: null },
    });
  });

  it('fills documented defaults: goal minimize, eta 3, q 1, mu 0, sigma 1', () => {
    const spec = toSweepSpec('method: random\nmetric: {name: acc}\nparameters:\n  n: {distribution: q_normal}\n  u: {distribution: q_uniform, min: 0, max: 10}\nearly_terminate: {type: hyperband, min_iter: 2}\n');
    expect(spec.metric).toEqual({ name: 'acc', goal: 'minimize' });
    expect(spec.early_terminate).toEqual({ type: 'hyperband', min_iter: 2, eta: 3, strict: false });
    expect(spec.parameters.n).toEqual({ distribution: 'q_normal', mu: 0, sigma: 1, q: 1 });
    expect(spec.parameters.u).toEqual({ distribution: 'q_uniform', min: 0, max: 10, q: 1 });
  });
});
