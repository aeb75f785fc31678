import { describe, expect, it } from 'vitest';
import { configToParams } from '@/lib/server/repos/runs';
import { MlflowError } from '@/lib/server/mlflow/errors';
import {
  configValueOfParam,
  experimentIdOf,
  experimentNameOf,
  paramsOfConfig,
  projectIdOf,
  randomRunName,
  statusFromMlflow,
  statusToMlflow,
  validateKey,
} from '@/lib/server/mlflow/mapping';

describe('params ↔ config', () => {
  it('types a param only when configToParams writes the very same string back', () => {
    const logged = ['0.01', '5', '-3', '1e-7', 'true', 'false', '1.0', '1e-03', '[64, 32]', 'True', 'adam', '', ' 5', '0x10', 'NaN', 'Infinity', '007', '1_000'];
    const config = Object.fromEntries(logged.map((v, i) => [`k${i}`, configValueOfParam(v)]));
    expect(configToParams(config).map((p) => p.value)).toEqual(logged);
    expect(config).toMatchObject({ k0: 0.01, k1: 5, k2: -3, k3: 1e-7, k4: true, k5: false, k6: '1.0', k7: '1e-03', k8: '[64, 32]', k9: 'True' });
  });

  it('flattens nested config objects with dots; arrays and scalars stay whole', () => {
    expect(paramsOfConfig({ lr: 0.01, layers: [64, 32], optimizer: { name: 'adam', betas: [0.9, 0.99], schedule: { warmup: 5 } }, note: null, empty: {} })).toEqual([
      { key: 'lr', value: '0.01' },
      { key: 'layers', value: '[64,32]' },
      { key: 'optimizer.name', value: 'adam' },
      { key: 'optimizer.betas', value: '[0.9,0.99]' },
      { key: 'optimizer.schedule.warmup', value: '5' },
      { key: 'note', value: 'null' },
      { key: 'empty', value: '{}' },
    ]);
  });
});

describe('ids, names and statuses', () => {
  it('maps experiment "0" to the default project and back', () => {
    expect(projectIdOf('0')).toBe('default');
    expect(experimentIdOf('default')).toBe('0');
    expect(projectIdOf('123')).toBe('123');
    expect(experimentNameOf({ id: 'default', name: 'default' })).toBe('Default');
    expect(experimentNameOf({ id: 'default', name: 'Class 5B' })).toBe('Class 5B');
  });

  it('maps every Benchtop status to MLflow and MLflow statuses back', () => {
    expect(['running', 'finished', 'failed', 'crashed', 'stopped'].map((s) => statusToMlflow(s as never))).toEqual(['RUNNING', 'FINISHED', 'FAILED', 'FAILED', 'KILLED']);
    expect(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'].map((s) => statusFromMlflow(s as never))).toEqual(['running', 'running', 'finished', 'failed', 'stopped']);
  });

  it('names runs like MLflow does', () => {
    expect(randomRunName()).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
  });
});

describe('keys', () => {
  it.each(['loss', 'train/loss', 'val loss', 'acc.top-5', 'genauigkeit_ü'])('accepts %s', (key) => {
    expect(() => validateKey('metric', key)).not.toThrow();
  });

  it.each([
    ['loss!', /may only contain/],
    ['a/../b', /path segments/],
    ['/abs', /path segments/],
    ['', /path segments/],
    ['x'.repeat(251), /exceeded length limit of 250/],
  ])('refuses %s as INVALID_PARAMETER_VALUE', (key, message) => {
    let err: unknown;
    try {
      validateKey('param', key);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MlflowError);
    expect(err).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', status: 400 });
    expect((err as Error).message).toMatch(message);
  });
});
