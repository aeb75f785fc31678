import { z } from 'zod';
import type { MlflowEndpoint } from '../endpoint';
import { safeArtifactPath } from '../artifacts/artifact-path';
import { runArtifactDir, runInfoView } from '../views';
import { parseRequest, RunRef, runIdOf } from '../wire';
import { runOf } from './runs';

/** A run's artifacts as MLflow lists them: paths from the run's artifact root (`model/MLmodel`). */
export const artifactEndpoints: MlflowEndpoint[] = [
  {
    path: 'artifacts/list',
    methods: ['GET'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, path: z.string().optional(), page_token: z.string().optional() }), ctx.input);
      const run = await runOf(ctx, runIdOf(req));
      const sub = req.path ? safeArtifactPath(req.path.replace(/\/+$/, '')) : '';
      const dir = sub ? `${runArtifactDir(run)}/${sub}` : runArtifactDir(run);
      const files = (await ctx.services.mlflowArtifacts.list(dir)).map((e) => ({
        path: sub ? `${sub}/${e.path}` : e.path,
        is_dir: e.isDir,
        ...(e.isDir ? {} : { file_size: e.sizeBytes }),
      }));
      return { root_uri: runInfoView(run).artifact_uri, ...(files.length ? { files } : {}) };
    },
  },
];
