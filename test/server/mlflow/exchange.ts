import { expect } from 'vitest';
import type { TestServer } from '../harness';

/**
 * Replays a recorded MLflow client exchange (exchanges/*.json): each step's request as the
 * client sends it, checked against the status and (a subset of) the body MLflow's server answers.
 * `{name}` in paths, bodies and expected answers is a value captured from an earlier answer
 * (`capture: {run_id: "run.info.run_id"}`); `{root}` is the run's artifact_uri without its scheme.
 */
export interface ExchangeStep {
  call: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  base64?: string;
  status: number;
  response?: unknown;
  /** The answer's bytes must equal the body sent by step N (0-based). */
  expectTextOf?: number;
  capture?: Record<string, string>;
}

export interface Exchange {
  about: string;
  steps: ExchangeStep[];
}

const valueAt = (v: unknown, dotted: string): unknown => dotted.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v);

function fill<T>(value: T, vars: Record<string, string>): T {
  if (typeof value === 'string') return value.replace(/\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m) as T;
  if (Array.isArray(value)) return value.map((v) => fill(v, vars)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)])) as T;
  return value;
}

function bodyOf(step: ExchangeStep, vars: Record<string, string>): Uint8Array | string | undefined {
  if (step.json !== undefined) return JSON.stringify(fill(step.json, vars));
  if (step.text !== undefined) return fill(step.text, vars);
  if (step.base64 !== undefined) return Buffer.from(step.base64, 'base64');
  return undefined;
}

/** Runs every step in order; returns the captured values. */
export async function replayExchange(s: TestServer, exchange: Exchange, vars: Record<string, string> = {}): Promise<Record<string, string>> {
  const sent: (Uint8Array | string | undefined)[] = [];
  for (const step of exchange.steps) {
    const body = bodyOf(step, vars);
    sent.push(body);
    const headers = { ...(step.json !== undefined ? { 'content-type': 'application/json' } : {}), 'user-agent': 'mlflow-python-client/2.16.2', ...step.headers };
    const res = await s.api(fill(step.path, vars), { method: step.method, headers, body: body as BodyInit | undefined });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect(res.status, `${step.call}: ${text.slice(0, 300)}`).toBe(step.status);
    if (step.expectTextOf !== undefined) {
      const expected = sent[step.expectTextOf];
      expect(Buffer.from(bytes).equals(Buffer.from(typeof expected === 'string' ? new TextEncoder().encode(expected) : (expected ?? new Uint8Array()))), step.call).toBe(true);
      continue;
    }
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (step.response !== undefined) {
      const expected = fill(step.response, vars);
      if (expected && typeof expected === 'object' && Object.keys(expected).length === 0) expect(parsed, step.call).toEqual({});
      else expect(parsed, step.call).toMatchObject(expected as object);
    }
    for (const [name, dotted] of Object.entries(step.capture ?? {})) {
      const v = valueAt(parsed, dotted);
      expect(typeof v, `${step.call}: capture ${dotted}`).toBe('string');
      vars[name] = v as string;
      if (name === 'artifact_uri') vars.root = (v as string).replace(/^mlflow-artifacts:\//, '');
    }
  }
  return vars;
}
