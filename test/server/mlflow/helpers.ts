import { expect } from 'vitest';
import type { MlflowExperiment, MlflowMetric, MlflowRun, MlflowRunInfo } from '@/lib/server/mlflow/views';
import type { TestServer } from '../harness';

/**
 * The fields MLflow REST answers carry, per MLflow's REST reference: each endpoint returns some
 * of them, errors carry error_code + message. Typed as present: a test reads the ones its endpoint
 * returns, and one that is missing fails that test's assertion.
 */
export interface MlflowBody {
  error_code: string;
  message: string;
  experiment_id: string;
  experiment: MlflowExperiment;
  experiments: MlflowExperiment[];
  run: MlflowRun;
  runs: MlflowRun[];
  run_info: MlflowRunInfo;
  metrics: MlflowMetric[];
  next_page_token: string;
}

export interface MlflowAnswer<T = MlflowBody> {
  status: number;
  body: T;
}

/** Raw MLflow REST calls, written from MLflow's REST API reference (not through a client). */
export function mlflowRest(s: TestServer) {
  const base = '/api/2.0/mlflow/';
  const answer = async (res: Response): Promise<MlflowAnswer> => {
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    async post(path: string, body: unknown, init: { headers?: Record<string, string>; auth?: boolean } = {}): Promise<MlflowAnswer> {
      return answer(await s.api(base + path, { method: 'POST', body: JSON.stringify(body), auth: init.auth, headers: { 'content-type': 'application/json', ...init.headers } }));
    },
    async get(path: string, query: Record<string, string | number | string[]> = {}, init: { auth?: boolean } = {}): Promise<MlflowAnswer> {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
      return answer(await s.api(`${base}${path}?${params}`, { auth: init.auth }));
    },
    /** POST that must succeed; returns the body. */
    async ok(path: string, body: unknown): Promise<MlflowBody> {
      const res = await this.post(path, body);
      expect(res, `${path} ${JSON.stringify(body).slice(0, 200)}`).toMatchObject({ status: 200 });
      return res.body;
    },
  };
}

export type MlflowRest = ReturnType<typeof mlflowRest>;

/** Asserts an MLflow error answer: status and error_code, and that the message says something. */
export function expectMlflowError(res: MlflowAnswer, status: number, code: string, message?: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error_code).toBe(code);
  expect(typeof res.body.message).toBe('string');
  if (message) expect(res.body.message).toMatch(message);
}
