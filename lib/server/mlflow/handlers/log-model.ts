import { z } from 'zod';
import type { MlflowEndpoint } from '../endpoint';
import { invalidParameter } from '../errors';
import { requireWritable } from '../validate';
import { parseRequest, RunRef, runIdOf } from '../wire';
import { runOf } from './runs';

/** The run tag MLflow's server keeps logged models in: a JSON list of MLmodel dicts. */
export const LOG_MODEL_HISTORY_TAG = 'mlflow.log-model.history';
/** Largest history kept (characters of JSON); the oldest entries go first past it. */
const HISTORY_CHARS = 60_000;

/**
 * `runs/log-model` (what `mlflow.<flavour>.log_model` sends after uploading the model's files):
 * records the MLmodel as MLflow's server does, appended to the run's `mlflow.log-model.history`
 * tag. MLflow's UI and `mlflow.models.list_logged_models`-style readers look there.
 */
export const logModelEndpoints: MlflowEndpoint[] = [
  {
    path: 'runs/log-model',
    methods: ['POST'],
    async handle(ctx) {
      const req = parseRequest(z.object({ ...RunRef, model_json: z.string() }), ctx.input);
      let model: unknown;
      try {
        model = JSON.parse(req.model_json);
      } catch {
        throw invalidParameter("Invalid value for parameter 'model_json' supplied: it is not JSON.");
      }
      if (!model || typeof model !== 'object' || Array.isArray(model)) throw invalidParameter("Invalid value for parameter 'model_json' supplied: it must be a JSON object (an MLmodel).");
      // The fields MLflow's server requires (mlflow/server/handlers.py _log_model).
      const missing = ['artifact_path', 'flavors', 'utc_time_created', 'run_id'].filter((f) => !(f in model));
      if (missing.length) throw invalidParameter(`Model json is missing mandatory fields: {${missing.map((f) => `'${f}'`).join(', ')}}`);
      const record = await runOf(ctx, runIdOf(req));
      requireWritable(record);
      const tags = (await ctx.repos.runs.data([record], { tags: new Set([LOG_MODEL_HISTORY_TAG]) })).get(record.id)?.tags;
      let history: unknown[] = [];
      try {
        const parsed = JSON.parse(tags?.get(LOG_MODEL_HISTORY_TAG) ?? '[]') as unknown;
        if (Array.isArray(parsed)) history = parsed;
      } catch {
        history = [];
      }
      history.push(model);
      while (history.length > 1 && JSON.stringify(history).length > HISTORY_CHARS) history.shift();
      const value = JSON.stringify(history);
      if (value.length > HISTORY_CHARS) throw invalidParameter(`Invalid value for parameter 'model_json' supplied: it is ${req.model_json.length} characters; the limit is ${HISTORY_CHARS}.`);
      await ctx.repos.runs.writeParamsAndTags(record.id, new Map(), new Map([[LOG_MODEL_HISTORY_TAG, value]]), ctx.nowMs);
      return {};
    },
  },
];
