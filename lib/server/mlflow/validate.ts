import { invalidParameter, MlflowError } from './errors';
import { checkLength, LIMITS, validateKey } from './mapping';
import type { ProjectRecord } from './repos/experiments';
import { RUN_NAME_TAG, type RunRecord } from './repos/runs';
import type { LoggedMetric } from './repos/metrics';

/** Checks shared by several endpoints, with MLflow's error codes and (close to) its messages. */

export function validateMetric(m: { key: string; value: number; timestamp: number; step?: number }): LoggedMetric {
  validateKey('metric', m.key);
  if (m.timestamp < 0) {
    throw invalidParameter(`Got invalid timestamp ${m.timestamp} for metric '${m.key}' (value=${m.value}). Timestamp must be a nonnegative long (64-bit integer)`);
  }
  const step = m.step ?? 0;
  // Benchtop's metric store (rollups for downsampled charts) is keyed by non-negative steps.
  if (step < 0) throw invalidParameter(`Got invalid step ${step} for metric '${m.key}' (value=${m.value}). This server stores steps >= 0.`);
  return { key: m.key, value: m.value, timestamp: m.timestamp, step };
}

export function validateParam(key: string, value: string): void {
  validateKey('param', key);
  checkLength('Param value', value, LIMITS.paramValueLength);
}

export function validateTag(key: string, value: string): void {
  validateKey('tag', key);
  checkLength('Tag value', value, LIMITS.tagValueLength);
}

/**
 * A run tag: MLflow's tag rules, plus the tags that set run fields (`mlflow.runName` renames the
 * run), which must fit those fields, or one stored run would break every runs list.
 */
export function validateRunTag(key: string, value: string): void {
  validateTag(key, value);
  if (key === RUN_NAME_TAG) checkLength('Run name', value, LIMITS.runNameLength);
}

/** The run's owner: `user_id`, or the `mlflow.user` tag when user_id is absent. */
export function validateUserId(userId: string, from: string): void {
  checkLength(from === 'user_id' ? 'User id' : `User id (tag ${from})`, userId, LIMITS.userIdLength);
}

export function validateExperimentName(name: string): void {
  if (name.trim() === '') throw invalidParameter(`Invalid experiment name: '${name}'`);
  checkLength('Experiment name', name, LIMITS.experimentNameLength);
}

export function runNotFound(runId: string): MlflowError {
  return new MlflowError('RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
}

export function experimentNotFound(experimentId: string): MlflowError {
  return new MlflowError('RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${experimentId} exists`);
}

export function requireActiveExperiment(p: ProjectRecord, experimentId: string): void {
  if (p.lifecycleStage !== 'active') {
    throw invalidParameter(`The experiment ${experimentId} must be in the 'active' state. Current state is ${p.lifecycleStage}.`);
  }
}

/**
 * Writes need an active run recorded through MLflow. A browser run is written by its notebook's
 * sync, which replaces tags and params on every upload: an MLflow write there would be lost.
 */
export function requireWritable(r: RunRecord): void {
  if (r.lifecycleStage !== 'active') {
    throw invalidParameter(`The run ${r.id} must be in the 'active' state. Current state is ${r.lifecycleStage}.`);
  }
  if (r.source !== 'mlflow') {
    throw invalidParameter(
      `Run ${r.id} was recorded by a Benchtop notebook, which owns its params, tags and metrics: MLflow clients can read, delete and restore it, not write to it.`,
    );
  }
}
