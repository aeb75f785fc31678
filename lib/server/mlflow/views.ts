import { toWireNumber, type WireNumber } from '@/lib/track/wire-number';
import type { ProjectRecord } from './repos/experiments';
import type { LatestMetric, RunData, RunRecord } from './repos/runs';
import type { DatasetInput } from './repos/inputs';
import { experimentIdOf, experimentNameOf, statusToMlflow, type MlflowRunStatus } from './mapping';

/**
 * MLflow's response entities (Experiment, RunInfo, Run, Metric) in its JSON field names. Pure.
 * Doubles that are not finite travel as "NaN" / "Infinity" / "-Infinity", as protobuf JSON
 * writes them; repeated fields are always present (possibly empty) for simple clients.
 */

export interface MlflowKeyValue {
  key: string;
  value: string;
}

export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  last_update_time: number;
  creation_time: number;
  tags: MlflowKeyValue[];
}

export interface MlflowRunInfo {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: MlflowRunStatus;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: string;
}

export interface MlflowMetric {
  key: string;
  value: WireNumber;
  timestamp: number;
  step: number;
}

export interface MlflowRun {
  info: MlflowRunInfo;
  data: { metrics: MlflowMetric[]; params: MlflowKeyValue[]; tags: MlflowKeyValue[] };
  /** The datasets the run logged (runs/log-inputs); empty: `{}`, as MLflow's protobuf JSON leaves it. */
  inputs: { dataset_inputs?: { tags: { key: string; value: string }[]; dataset: DatasetInput['dataset'] }[] };
}

const keyValues = (m: ReadonlyMap<string, string>): MlflowKeyValue[] =>
  [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));

/** Artifacts are not stored through the MLflow API; the URI still names where MLflow would put them. */
const artifactRoot = (experimentId: string) => `mlflow-artifacts:/${experimentId}`;

export function experimentView(p: ProjectRecord): MlflowExperiment {
  const experimentId = experimentIdOf(p.id);
  return {
    experiment_id: experimentId,
    name: experimentNameOf(p),
    artifact_location: artifactRoot(experimentId),
    lifecycle_stage: p.lifecycleStage,
    last_update_time: p.updatedAt,
    creation_time: p.createdAt,
    tags: keyValues(p.tags),
  };
}

/** Where a run's artifacts live in the MLflow artifact tree (its artifact_uri without the scheme). */
export const runArtifactDir = (r: Pick<RunRecord, 'id' | 'projectId'>) => `${experimentIdOf(r.projectId)}/${r.id}/artifacts`;

export function runInfoView(r: RunRecord): MlflowRunInfo {
  const experimentId = experimentIdOf(r.projectId);
  return {
    run_id: r.id,
    run_uuid: r.id,
    run_name: r.name,
    experiment_id: experimentId,
    user_id: r.owner ?? '',
    status: statusToMlflow(r.status),
    start_time: r.createdAt,
    ...(r.finishedAt === null ? {} : { end_time: r.finishedAt }),
    artifact_uri: `mlflow-artifacts:/${runArtifactDir(r)}`,
    lifecycle_stage: r.lifecycleStage,
  };
}

export function metricView(key: string, m: LatestMetric): MlflowMetric {
  return { key, value: toWireNumber(m.value), timestamp: m.timestamp, step: m.step };
}

export function runView(r: RunRecord, d: RunData, inputs: readonly DatasetInput[] = []): MlflowRun {
  const metrics = [...d.metrics].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, m]) => metricView(key, m));
  const datasetInputs = inputs.map((i) => ({ tags: keyValues(new Map(Object.entries(i.tags))), dataset: i.dataset }));
  return { info: runInfoView(r), data: { metrics, params: keyValues(d.params), tags: keyValues(d.tags) }, inputs: datasetInputs.length ? { dataset_inputs: datasetInputs } : {} };
}
