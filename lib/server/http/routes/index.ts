import type { Route } from '../router';
import { healthRoutes } from './health';
import { projectRoutes } from './projects';
import { runRoutes } from './runs';
import { runQueryRoutes } from './run-query';
import { metricRoutes } from './metrics';
import { artifactRoutes } from './artifacts';
import { shareRoutes } from './shares';
import { serverInfoRoutes } from './server-info';
import { sweepRoutes } from '../../sweeps/routes';
import { reportRoutes } from '../../reports/routes';
import { mlflowRoutes } from '../../mlflow/routes';
import { notebookRoutes } from '../../notebooks/routes';
import { assignmentRoutes } from '../../assignments/routes';
import { leaderboardRoutes } from '../../leaderboard/routes';
import { joinRoutes } from '../../classroom/join-routes';
import { classRoutes } from '../../classroom/routes';
import { registryRoutes } from '../../registry/routes';
import { servingRoutes } from '../../model-serving/routes';
import { mlflowArtifactRoutes } from '../../mlflow/artifacts/proxy-routes';
import { monitoringRoutes } from '../../monitoring/routes';
import { alertRoutes } from '../../monitoring/alert-routes';
import { predictTokenRoutes } from '../../predict-tokens/routes';

/** Every /api/v1 route, in one list: adding a route touches its file and, for a new file, one line here. */
export const v1Routes: Route[] = [
  ...healthRoutes,
  ...projectRoutes,
  ...runQueryRoutes,
  ...runRoutes,
  ...metricRoutes,
  ...artifactRoutes,
  ...shareRoutes,
  ...mlflowRoutes,
  ...mlflowArtifactRoutes,
  ...sweepRoutes,
  ...notebookRoutes,
  // Before any `/classes/:classId…` pattern: `join`, `me` and `leave` are not class ids.
  ...joinRoutes,
  ...classRoutes,
  ...assignmentRoutes,
  ...leaderboardRoutes,
  ...serverInfoRoutes,
  ...reportRoutes,
  ...registryRoutes,
  ...servingRoutes,
  ...monitoringRoutes,
  ...alertRoutes,
  ...predictTokenRoutes,
];
