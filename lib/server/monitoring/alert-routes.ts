import { AlertListQuery, AlertRuleInput, WebhookRequest, type AlertListResponse } from '@/lib/serving/alerts-api';
import { SERVING_LIMITS } from '@/lib/serving/api';
import { parseQuery, readJson } from '../http/body';
import { HttpError, json } from '../http/errors';
import type { Route } from '../http/router';

/** Alert rules and the workspace's webhook (lib/serving/alerts-api.ts). Workspace access only: students get 403. */
export const alertRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/alerts',
    auth: 'workspace',
    async handle(ctx) {
      const query = parseQuery(ctx.url, AlertListQuery);
      const { alerts, recorder } = ctx.services.monitoring;
      await recorder.flush();
      await alerts.evaluate();
      const body: AlertListResponse = { rules: await alerts.list(query), webhookConfigured: (await alerts.webhookUrl()) !== null };
      return json(200, body);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/alerts',
    auth: 'workspace',
    async handle(ctx) {
      const input = await readJson(ctx.req, AlertRuleInput, SERVING_LIMITS.smallJsonBytes, 'alert rule');
      const t = input.target;
      if (t.kind === 'model' && t.version !== undefined && !(await ctx.services.registry.getVersion(t.name, t.version))) throw new HttpError(404, 'not_found', `model "${t.name}" has no version ${t.version}`, 'target');
      if (t.kind === 'model' && t.alias !== undefined && !(await ctx.services.registry.resolve(t.name, t.alias))) throw new HttpError(404, 'not_found', `model "${t.name}" has no alias "${t.alias}"`, 'target');
      if (t.kind === 'run' && !(await ctx.services.runs.get(t.runId))) throw new HttpError(404, 'not_found', `no run "${t.runId}"`, 'target');
      return json(201, { rule: await ctx.services.monitoring.alerts.create(input) });
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/alerts/:ruleId',
    auth: 'workspace',
    async handle(ctx) {
      if (!(await ctx.services.monitoring.alerts.remove(ctx.params.ruleId))) throw new HttpError(404, 'not_found', `no alert rule "${ctx.params.ruleId}"`);
      return json(200, { deleted: ctx.params.ruleId });
    },
  },
  {
    method: 'GET',
    path: '/api/v1/alerts/webhook',
    auth: 'workspace',
    async handle(ctx) {
      return json(200, { url: await ctx.services.monitoring.alerts.webhookUrl() });
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/alerts/webhook',
    auth: 'workspace',
    async handle(ctx) {
      const { url } = await readJson(ctx.req, WebhookRequest, SERVING_LIMITS.smallJsonBytes, 'webhook');
      await ctx.services.monitoring.alerts.setWebhookUrl(url);
      return json(200, { url });
    },
  },
];
