import { FeedbackRequest, MonitoringQuery, ReferenceRequest, SERVING_LIMITS, type MonitoringResponse } from '@/lib/serving/api';
import { driftReference } from '@/lib/serving/drift';
import { parseQuery, parseWith, readJson, readJsonValue } from '../http/body';
import { HttpError, json } from '../http/errors';
import type { Route, RouteContext } from '../http/router';
import { servedModel } from '../model-serving/predict';
import { tensorFromJson } from '../model-serving/tensor-input';
import { versionMonitoring } from './summary';

/**
 * GET  /api/v1/models/:name/monitoring?minutes=&version=  → MonitoringResponse (every version, or one)
 * POST /api/v1/models/:name/:ref/feedback {predictionId, label} → the prediction, labelled (a predict token of the model may call it)
 * PUT  /api/v1/models/:name/:ref/monitoring/reference {inputs} → the drift reference built from these validation rows
 */

async function modelOrThrow(ctx: RouteContext) {
  const model = await ctx.services.registry.getModel(ctx.params.name);
  if (!model) throw new HttpError(404, 'not_found', `no registered model "${ctx.params.name}"`);
  return model;
}

export const monitoringRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/models/:name/monitoring',
    auth: 'workspace',
    async handle(ctx) {
      const query = parseQuery(ctx.url, MonitoringQuery);
      const { name } = ctx.params;
      await modelOrThrow(ctx);
      const { recorder, references } = ctx.services.monitoring;
      await recorder.flush();
      const versions = query.version ? [query.version] : (await ctx.services.registry.listVersions(name)).map((v) => v.version);
      const sinceMs = Date.now() - query.minutes * 60_000;
      const body: MonitoringResponse = {
        name,
        sinceMs,
        versions: await Promise.all(versions.map(async (version) => versionMonitoring(ctx.services.db.kysely, { name, version, sinceMs, reference: await references.load(name, version) }))),
      };
      return json(200, body);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/models/:name/:ref/feedback',
    auth: 'workspace',
    predictToken: true,
    async handle(ctx) {
      const body = await readJson(ctx.req, FeedbackRequest, SERVING_LIMITS.smallJsonBytes, 'feedback');
      const { kysely } = ctx.services.db;
      await ctx.services.monitoring.recorder.flush();
      const updated = await kysely
        .updateTable('model_predictions')
        .set({ label: body.label, labelled_at: Date.now() })
        .where('id', '=', body.predictionId)
        .where('name', '=', ctx.params.name)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new HttpError(404, 'not_found', `no prediction "${body.predictionId}" of model "${ctx.params.name}" (predictions are kept 30 days)`, 'predictionId');
      const row = await kysely.selectFrom('model_predictions').selectAll().where('id', '=', body.predictionId).executeTakeFirstOrThrow();
      return json(200, { prediction: { id: row.id, version: row.version, predictedClass: row.predicted_class, label: row.label, correct: row.predicted_class === row.label } });
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/models/:name/:ref/monitoring/reference',
    auth: 'workspace',
    async handle(ctx) {
      const body = parseWith(ReferenceRequest, await readJsonValue(ctx.req, SERVING_LIMITS.predictBytes, 'reference body'), 'reference body', 400);
      const served = await servedModel(ctx.services.serving, ctx.params.name, ctx.params.ref);
      try {
        const inputs = Object.fromEntries(
          served.model.inputs
            .filter((e) => body.inputs[e.name] !== undefined)
            .map((e) => {
              const t = tensorFromJson(body.inputs[e.name], e);
              return [e.name, { data: Array.from(t.data as ArrayLike<number | bigint>, Number), rows: t.dims[0] }];
            }),
        );
        if (Object.keys(inputs).length === 0) throw new HttpError(400, 'bad_request', `no rows for any input of the model (${served.model.inputs.map((i) => i.name).join(', ')})`, 'inputs');
        const reference = driftReference(inputs);
        const { version } = served.version;
        await ctx.services.monitoring.references.save(served.version.name, version, reference);
        ctx.services.monitoring.recorder.forgetReference(served.version.name, version);
        return json(200, { name: served.version.name, version, reference });
      } finally {
        ctx.services.serving.sessions.release(served.model);
      }
    },
  },
];
