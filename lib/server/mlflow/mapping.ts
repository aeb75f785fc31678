import { randomInt } from 'node:crypto';
import { DEFAULT_PROJECT_ID, type RunStatus } from '@/lib/track/schemas';
import { configToParams } from '../repos/runs';
import { invalidParameter } from './errors';

/**
 * One model, two doors: how MLflow's names for things map onto Benchtop's.
 *   experiment ↔ project (experiment "0", MLflow's "Default", is the `default` project)
 *   run ↔ run; params ↔ config; tags ↔ run tags; metrics ↔ metric points
 */

export const DEFAULT_EXPERIMENT_ID = '0';
export const DEFAULT_EXPERIMENT_NAME = 'Default';

export const experimentIdOf = (projectId: string) => (projectId === DEFAULT_PROJECT_ID ? DEFAULT_EXPERIMENT_ID : projectId);
export const projectIdOf = (experimentId: string) => (experimentId === DEFAULT_EXPERIMENT_ID ? DEFAULT_PROJECT_ID : experimentId);

/** The default project is created by the first browser run with its id as name; MLflow calls it "Default". */
export function experimentNameOf(project: { id: string; name: string }): string {
  return project.id === DEFAULT_PROJECT_ID && project.name === DEFAULT_PROJECT_ID ? DEFAULT_EXPERIMENT_NAME : project.name;
}

export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

const TO_MLFLOW: Record<RunStatus, MlflowRunStatus> = {
  running: 'RUNNING',
  finished: 'FINISHED',
  failed: 'FAILED',
  crashed: 'FAILED',
  stopped: 'KILLED',
};
/** Benchtop has no "scheduled": such a run is shown as running. */
const FROM_MLFLOW: Record<MlflowRunStatus, RunStatus> = {
  RUNNING: 'running',
  SCHEDULED: 'running',
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'stopped',
};
export const statusToMlflow = (s: RunStatus): MlflowRunStatus => TO_MLFLOW[s];
export const statusFromMlflow = (s: MlflowRunStatus): RunStatus => FROM_MLFLOW[s];

/**
 * A param string as a typed config value, only when nothing is lost: "0.01" → 0.01 and "true" →
 * true, because `configToParams` turns those back into exactly the same strings; "1.0", "1e-03",
 * "[64, 32]" and "True" stay strings. So params → config → params is the identity.
 */
export function configValueOfParam(value: string): unknown {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d/.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n) && String(n) === value) return n;
  }
  return value;
}

/** A browser run's config as MLflow params: nested objects flattened with '.', leaves as configToParams writes them. */
export function paramsOfConfig(config: Record<string, unknown>, prefix = ''): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (const [key, value] of Object.entries(config)) {
    const name = prefix + key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      out.push(...paramsOfConfig(value as Record<string, unknown>, `${name}.`));
    } else {
      out.push(...configToParams({ [name]: value }));
    }
  }
  return out;
}

/** MLflow's limits (mlflow/utils/validation.py). */
export const LIMITS = {
  keyLength: 250,
  paramValueLength: 6000,
  tagValueLength: 5000,
  experimentNameLength: 256, // MLflow allows 500; a Benchtop project name holds 256
  runNameLength: 256,
  /** A run's owner (MLflow's user_id) as Benchtop's run schema holds it. */
  userIdLength: 128,
} as const;

const KEY_CHARS = /^[/\p{L}\p{N}_.\- ]*$/u;

/** A metric, param or tag key as MLflow accepts it: safe characters, and no path tricks ("a/../b"). */
export function validateKey(what: 'metric' | 'param' | 'tag', key: string): void {
  if (!KEY_CHARS.test(key)) {
    throw invalidParameter(`Invalid ${what} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`);
  }
  if (key.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) {
    throw invalidParameter(`Invalid ${what} name: '${key}'. Names may be treated as files in certain cases, and must not contain empty, '.' or '..' path segments.`);
  }
  checkLength(`${what[0].toUpperCase()}${what.slice(1)} name`, key, LIMITS.keyLength);
}

export function checkLength(what: string, value: string, limit: number): void {
  if (value.length > limit) {
    throw invalidParameter(`${what} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`);
  }
}

const ADJECTIVES = ['amber', 'bold', 'brisk', 'calm', 'clever', 'crisp', 'eager', 'gentle', 'keen', 'lucid', 'nimble', 'quiet', 'rapid', 'steady', 'sunny', 'vivid'];
const NOUNS = ['badger', 'comet', 'falcon', 'fern', 'heron', 'lynx', 'maple', 'otter', 'pine', 'quartz', 'raven', 'river', 'sparrow', 'tide', 'willow', 'zephyr'];

/** MLflow names unnamed runs "adjective-noun-123"; so do we. */
export function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}
