import path from 'node:path';
import type { ServerEnv } from './env';
import { openDb, openPostgres, type Db } from './db/connect';
import { loadAuthConfig, type AuthConfig } from './auth';
import { directoryArtifactStore, type ArtifactStore } from './artifact-store';
import { projectsRepo, type ProjectsRepo } from './repos/projects';
import { runsRepo, type RunsRepo } from './repos/runs';
import { metricsRepo, type MetricsRepo } from './repos/metrics';
import { artifactsRepo, type ArtifactsRepo } from './repos/artifacts';
import { sharesRepo, type SharesRepo } from './repos/shares';
import { sweepsRepo, type SweepsRepo } from './sweeps/repo';
import { reportsRepo, type ReportsRepo } from './reports/repo';
import { mlflowRepos, type MlflowRepos } from './mlflow/repos';
import { notebooksRepo, type NotebooksRepo } from './notebooks/repo';
import { assignmentsRepo, type AssignmentsRepo } from './assignments/repo';
import { leaderboardHub, type LeaderboardHub } from './leaderboard/hub';
import { createClassroom, type Classroom } from './classroom/services';
import { registryRepo, type RegistryRepo } from './registry/repo';
import { withWriteHook } from './registry/write-hook';
import { ResolveCache } from './model-serving/resolve-cache';
import { PredictTokenStore } from './predict-tokens/store';
import { createModelServing, type ModelServing } from './model-serving/service';
import { createMonitoring, type Monitoring } from './monitoring/services';
import { artifactTree, type ArtifactTree } from './mlflow/artifacts/artifact-tree';

/**
 * Everything a route handler may use, built once per server process by createServices and
 * handed to every route: no module-level caches. Repos are the database's tables; the artifact
 * store holds blobs (files under the data dir).
 */
export interface Services {
  env: ServerEnv;
  db: Db;
  auth: AuthConfig;
  artifactStore: ArtifactStore;
  projects: ProjectsRepo;
  runs: RunsRepo;
  metrics: MetricsRepo;
  artifacts: ArtifactsRepo;
  shares: SharesRepo;
  sweeps: SweepsRepo;
  /** Saved comparisons (issue 13). */
  reports: ReportsRepo;
  /** The same tables as MLflow's REST API sees them. */
  mlflow: MlflowRepos;
  /** Files MLflow clients log through the artifact proxy (`mlflow-artifacts:/…`). */
  mlflowArtifacts: ArtifactTree;
  /** Notebooks saved on the server; class assignments and students' copies of them. */
  notebooks: NotebooksRepo;
  assignments: AssignmentsRepo;
  /** The shared pollers behind leaderboard streams. */
  leaderboards: LeaderboardHub;
  /** Classes, students and their limits (issue 12). */
  classroom: Classroom;
  /** Per-model credentials that only predict and give feedback (issue 15). */
  predictTokens: PredictTokenStore;
  /** Registered models, their versions and aliases (issue 15); MLflow's registry API uses it too. */
  registry: RegistryRepo;
  /** onnxruntime-node sessions behind POST /models/:name/:ref/predict (issue 15). */
  serving: ModelServing;
  /** Per-version request, latency, drift and feedback records; alert rules. */
  monitoring: Monitoring;
  close(): Promise<void>;
}

/** How long another app instance's alias move (or token revocation) may take to reach this one. */
const RESOLVE_TTL_MS = 1_000;

export interface CreateServicesOptions {
  env: ServerEnv;
  /** Where the token announcement goes (default console.log). */
  log?: (line: string) => void;
}

export async function createServices({ env, log }: CreateServicesOptions): Promise<Services> {
  const dataDir = env.BENCHTOP_DATA_DIR;
  const db = await openDb({
    databaseUrl: env.DATABASE_URL,
    sqlitePath: path.join(dataDir, 'benchtop.sqlite'),
    pgPoolSize: env.BENCHTOP_PG_POOL_SIZE,
  });
  const auth = loadAuthConfig({
    envToken: env.BENCHTOP_TOKEN,
    requireToken: env.BENCHTOP_REQUIRE_TOKEN,
    trustedProxies: env.BENCHTOP_TRUSTED_PROXIES,
    dataDir,
    log,
  });
  const metrics = metricsRepo(db);
  // On PostgreSQL the pollers read through their own connection: behind 30 students' writes in
  // the main pool's queue, a tick waited seconds (bench:classroom: update lag p95 3.7 s → see README).
  const leaderboardDb = env.DATABASE_URL ? openPostgres(env.DATABASE_URL, 1) : db;
  const leaderboards = leaderboardHub({ db: leaderboardDb, log: log ?? console.error });
  // Predict resolves (name, ref) from a cache that every registry write of this process clears.
  const servingRegistry = registryRepo(db);
  const resolved = new ResolveCache((name, ref) => servingRegistry.resolve(name, ref), { ttlMs: RESOLVE_TTL_MS });
  const registry = withWriteHook(servingRegistry, () => resolved.invalidate());
  const artifacts = artifactsRepo(db.kysely);
  const artifactStore = directoryArtifactStore(path.join(dataDir, 'artifacts'));
  const monitoring = createMonitoring({ db, registry, artifacts, metrics, log });
  const serving = createModelServing({
    env,
    registry: { resolve: (name, ref) => resolved.resolve(name, ref), getModel: (name) => registry.getModel(name) },
    artifacts,
    artifactStore,
    prepare: (name, version) => monitoring.recorder.reference(name, version),
    observe: (outcome) => monitoring.recorder.observe(outcome),
  });
  return {
    env,
    db,
    auth,
    artifactStore,
    projects: projectsRepo(db.kysely),
    runs: runsRepo(db),
    metrics,
    artifacts,
    shares: sharesRepo(db.kysely),
    sweeps: sweepsRepo(db),
    reports: reportsRepo(db.kysely),
    mlflow: mlflowRepos(db, metrics),
    mlflowArtifacts: artifactTree(path.join(dataDir, 'mlflow-artifacts')),
    notebooks: notebooksRepo(db),
    assignments: assignmentsRepo(db),
    leaderboards,
    classroom: createClassroom(db, env),
    registry,
    predictTokens: new PredictTokenStore(db.kysely, { ttlMs: RESOLVE_TTL_MS, log }),
    serving,
    monitoring,
    close: async () => {
      await serving.close();
      await monitoring.close();
      leaderboards.close();
      if (leaderboardDb !== db) await leaderboardDb.close();
      await db.close();
    },
  };
}
