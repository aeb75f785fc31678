import { z } from 'zod';
import { ModelDetailResponse, ModelListResponse, ModelVersionResponse } from '../registry/api';
import { request, type ServerConnection } from '../track/sync-api-client';
import { MonitoringResponse, PredictResponse, type PredictRequest } from './api';
import { AlertListResponse, AlertRuleInput, AlertRuleWire } from './alerts-api';
import { CreatedPredictTokenResponse, PredictTokenListResponse } from './predict-tokens-api';

/**
 * The model pages' and bench.register's typed client for the registry's native API and serving
 * (predict, monitoring). No DOM: `fetch` through request(), answers checked with the shared zod types.
 */

const model = (name: string) => `/api/v1/models/${encodeURIComponent(name)}`;
const ref = (name: string, r: string | number) => `${model(name)}/${encodeURIComponent(String(r))}`;

export const modelsApi = {
  list: (conn: ServerConnection, nameLike?: string) => request(conn, ModelListResponse, 'GET', `/api/v1/models?limit=1000${nameLike ? `&nameLike=${encodeURIComponent(nameLike)}` : ''}`),
  get: (conn: ServerConnection, name: string) => request(conn, ModelDetailResponse, 'GET', model(name)),
  register: (conn: ServerConnection, name: string, body: { runId: string; artifactId: string; description?: string }) => request(conn, ModelVersionResponse, 'POST', `${model(name)}/versions`, true, body),
  setAlias: (conn: ServerConnection, name: string, alias: string, version: number) => request(conn, ModelDetailResponse, 'PUT', `${model(name)}/aliases/${encodeURIComponent(alias)}`, true, { version }),
  deleteAlias: (conn: ServerConnection, name: string, alias: string) => request(conn, ModelDetailResponse, 'DELETE', `${model(name)}/aliases/${encodeURIComponent(alias)}`),
  monitoring: (conn: ServerConnection, name: string, minutes = 60) => request(conn, MonitoringResponse, 'GET', `${model(name)}/monitoring?minutes=${minutes}`),
  predict: (conn: ServerConnection, name: string, r: string | number, inputs: PredictRequest['inputs']) => request(conn, PredictResponse, 'POST', `${ref(name, r)}/predict`, true, { inputs }),
  feedback: (conn: ServerConnection, name: string, r: string | number, body: { predictionId: string; label: number }) => request(conn, z.unknown(), 'POST', `${ref(name, r)}/feedback`, true, body),
};

export const alertsApi = {
  list: (conn: ServerConnection, filter: { model?: string; runId?: string }) =>
    request(conn, AlertListResponse, 'GET', `/api/v1/alerts?${new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string'))}`),
  create: (conn: ServerConnection, rule: z.input<typeof AlertRuleInput>) => request(conn, z.object({ rule: AlertRuleWire }), 'POST', '/api/v1/alerts', true, rule),
  remove: (conn: ServerConnection, id: string) => request(conn, z.unknown(), 'DELETE', `/api/v1/alerts/${encodeURIComponent(id)}`),
  setWebhook: (conn: ServerConnection, url: string | null) => request(conn, z.object({ url: z.string().nullable() }), 'PUT', '/api/v1/alerts/webhook', true, { url }),
};

export const predictTokensApi = {
  list: (conn: ServerConnection, name: string) => request(conn, PredictTokenListResponse, 'GET', `${model(name)}/tokens`),
  create: (conn: ServerConnection, name: string, label: string) => request(conn, CreatedPredictTokenResponse, 'POST', `${model(name)}/tokens`, true, { label }),
  revoke: (conn: ServerConnection, name: string, id: string) => request(conn, z.unknown(), 'DELETE', `${model(name)}/tokens/${encodeURIComponent(id)}`),
};
