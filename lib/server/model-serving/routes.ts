import { json } from '../http/errors';
import type { Route } from '../http/router';
import { feedsFromRequest } from './predict-body';
import { runPrediction, servedModel } from './predict';

/**
 * POST /api/v1/models/:name/:ref/predict — `ref` is a version number, `latest` or an alias,
 * resolved per request: moving an alias moves the next request. Workspace access (the token or
 * trusted local use) or a predict token of this model; a student gets 403.
 */
export const servingRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/models/:name/:ref/predict',
    auth: 'workspace',
    predictToken: true,
    async handle(ctx) {
      const startedAt = performance.now();
      const deps = ctx.services.serving;
      const served = await servedModel(deps, ctx.params.name, ctx.params.ref);
      try {
        let feeds;
        served.model.batcher.expect();
        try {
          feeds = await feedsFromRequest(ctx.req, ctx.url, served.model.inputs);
        } catch (err) {
          served.model.batcher.cancel();
          // A refused body still counts against the version's error rate.
          deps.observe?.({ name: served.version.name, version: served.version.version, predictionId: '', latencyMs: performance.now() - startedAt, ok: false, classes: null, inputs: null });
          throw err;
        }
        return json(200, await runPrediction(deps, served, feeds, startedAt));
      } finally {
        deps.sessions.release(served.model);
      }
    },
  },
];
