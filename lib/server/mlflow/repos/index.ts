import type { Db } from '../../db/connect';
import type { MetricsRepo } from '../../repos/metrics';
import { mlflowExperimentsRepo, type MlflowExperimentsRepo } from './experiments';
import { mlflowRunsRepo, type MlflowRunsRepo } from './runs';
import { mlflowMetricsRepo, type MlflowMetricsRepo } from './metrics';
import { mlflowInputsRepo, type MlflowInputsRepo } from './inputs';

/** The tables as MLflow's REST API sees them (projects as experiments), built once in createServices. */
export interface MlflowRepos {
  experiments: MlflowExperimentsRepo;
  runs: MlflowRunsRepo;
  metrics: MlflowMetricsRepo;
  /** Datasets runs logged as inputs (runs/log-inputs). */
  inputs: MlflowInputsRepo;
  /**
   * Creates the default project ("experiment 0") once per process. Idempotent in the database,
   * so several app instances over one database may each run it.
   */
  ensureDefault(nowMs: number): Promise<void>;
}

export function mlflowRepos(db: Db, metrics: MetricsRepo): MlflowRepos {
  const experiments = mlflowExperimentsRepo(db.kysely);
  let ensured: Promise<void> | undefined;
  return {
    experiments,
    runs: mlflowRunsRepo(db),
    metrics: mlflowMetricsRepo(metrics),
    inputs: mlflowInputsRepo(db.kysely),
    ensureDefault(nowMs) {
      ensured ??= experiments.ensureDefault(nowMs).catch((err: unknown) => {
        ensured = undefined;
        throw err;
      });
      return ensured;
    },
  };
}
