import path from 'node:path';
import type { ServerEnv } from './env';
import { openDb, type Db } from './db/connect';
import { loadAuthConfig, type AuthConfig } from './auth';
import { directoryArtifactStore, type ArtifactStore } from './artifact-store';
import { projectsRepo, type ProjectsRepo } from './repos/projects';
import { runsRepo, type RunsRepo } from './repos/runs';
import { metricsRepo, type MetricsRepo } from './repos/metrics';
import { artifactsRepo, type ArtifactsRepo } from './repos/artifacts';
import { sharesRepo, type SharesRepo } from './repos/shares';

/** Everything a route handler may use, built once per server process. */
export interface Services {
  env: ServerEnv;
  db: Db;
  auth: AuthConfig;
  store: ArtifactStore;
  projects: ProjectsRepo;
  runs: RunsRepo;
  metrics: MetricsRepo;
  artifacts: ArtifactsRepo;
  shares: SharesRepo;
  close(): Promise<void>;
}

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
  const auth = loadAuthConfig({ envToken: env.BENCHTOP_TOKEN, requireToken: env.BENCHTOP_REQUIRE_TOKEN, dataDir, log });
  return {
    env,
    db,
    auth,
    store: directoryArtifactStore(path.join(dataDir, 'artifacts')),
    projects: projectsRepo(db.kysely),
    runs: runsRepo(db.kysely),
    metrics: metricsRepo(db),
    artifacts: artifactsRepo(db.kysely),
    shares: sharesRepo(db.kysely),
    close: () => db.close(),
  };
}
