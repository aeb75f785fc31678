import fs from 'node:fs';
import fc from 'fast-check';
import { wellFormed } from '@/lib/track/well-formed';
import { expect } from 'vitest';
import { ErrorBody } from '@/lib/track/api';
import { createTrackingServer, type TrackingServer } from '@/lib/server/app';
import { readServerEnv } from '@/lib/server/env';
import { MLFLOW_ERROR_STATUS } from '@/lib/server/mlflow/errors';
import { MULTIPART_UNSUPPORTED } from '@/lib/server/mlflow/artifacts/proxy-routes';
import { tempDataDir, type Backend } from '../harness';
import { createTestDatabase } from '../pg';
import { toJsonText } from './json-text';
import { hostileJson, hostileString } from './hostile';
import { nearValid } from './near-valid';

/**
 * The tracking server's router called in-process (no sockets): thousands of requests per
 * endpoint cost milliseconds each, over a real SQLite file or PostgreSQL database.
 */

/** Cases per endpoint; CI uses the default, `FUZZ_RUNS=20000` digs deeper. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
/** Fixed so a CI failure replays locally; `FUZZ_SEED=random` (or a number) explores elsewhere. */
export const FUZZ_SEED = process.env.FUZZ_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20261206);
/** Per-file timeout: a property runs FUZZ_RUNS cases on a slow shared machine. */
export const FUZZ_TIMEOUT_MS = Math.max(300_000, FUZZ_RUNS * 150);

export interface FuzzRequest {
  method: string;
  /** Path with query, already encoded, e.g. `/api/v1/runs/x?limit=2`. */
  path: string;
  /** JSON text, or raw bytes/text when testing the parser. */
  body?: string;
  /** Default `application/json` when there is a body; `null` sends none. */
  contentType?: string | null;
  auth?: boolean;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  text: string;
  json: unknown;
}

export interface FuzzServer {
  backend: Backend;
  tracking: TrackingServer;
  call(req: FuzzRequest): Promise<Answer>;
  /** JSON helper: body serialized with toJsonText (raw big integers kept). */
  send(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Lines the server logged for 5xx answers (stack traces), cleared by each call to `call`. */
  lastLog(): string[];
  close(): Promise<void>;
}

/** `env`: extra server environment (e.g. a limit lifted so thousands of cases reach the handler). */
export async function startFuzzServer(backend: Backend, env: Record<string, string> = {}): Promise<FuzzServer> {
  const dataDir = tempDataDir();
  const pgDb = backend === 'postgres' ? await createTestDatabase() : undefined;
  let log: string[] = [];
  const tracking = await createTrackingServer({
    env: readServerEnv({ BENCHTOP_DATA_DIR: dataDir, BENCHTOP_REQUIRE_TOKEN: '1', ...(pgDb ? { DATABASE_URL: pgDb.url } : {}), ...env }),
    log: (line) => log.push(line),
  });
  const token = tracking.services.auth.token;
  const call = async (req: FuzzRequest): Promise<Answer> => {
    log = [];
    const headers = new Headers(req.headers);
    if (req.auth !== false) headers.set('authorization', `Bearer ${token}`);
    const type = req.contentType === undefined ? (req.body === undefined ? null : 'application/json') : req.contentType;
    if (type !== null) headers.set('content-type', type);
    const res = await tracking.handle(new Request(`http://127.0.0.1${req.path}`, { method: req.method, headers, body: req.body }), { remoteAddress: '127.0.0.1' });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  };
  return {
    backend,
    tracking,
    call,
    send: (method, path, body) => call({ method, path, body: body === undefined ? undefined : toJsonText(body) }),
    lastLog: () => log,
    async close() {
      await tracking.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Which error body a path answers with: MLflow's for its REST door and artifact proxy, Benchtop's elsewhere. */
export function errorShapeOf(path: string): 'mlflow' | 'native' {
  // As the server sees it: the URL parser removes dot segments (`/artifacts/../..` is `/api/2.0/`).
  const seen = new URL(path, 'http://x').pathname;
  return seen.startsWith('/api/2.0/mlflow/') || seen.startsWith('/api/2.0/mlflow-artifacts') ? 'mlflow' : 'native';
}

/**
 * The one 5xx that is a contract, not a failure: MLflow's multipart upload routes answer 501
 * NOT_IMPLEMENTED with MLflow's exact message, as MLflow's server does over a local store, so
 * its client falls back to one PUT (lib/server/mlflow/artifacts/proxy-routes.ts).
 */
function deliberate501(req: FuzzRequest, ans: Answer): boolean {
  const seen = new URL(req.path, 'http://x').pathname;
  return ans.status === 501 && seen.startsWith('/api/2.0/mlflow-artifacts/mpu/') && (ans.json as { message?: unknown } | undefined)?.message === MULTIPART_UNSUPPORTED;
}

/**
 * The invariant: never a 5xx (but see deliberate501), and every 4xx is the API's error JSON. Throws (for fast-check to
 * shrink) with the request, the answer and the server's logged stack.
 */
export function checkAnswer(server: FuzzServer, req: FuzzRequest, ans: Answer): void {
  if (COLLECT) return collect(server, req, ans);
  if (ans.status >= 500 && knownOpen(server)) return;
  const where = () =>
    `${server.backend}: ${req.method} ${req.path.slice(0, 300)}\nbody: ${(req.body ?? '').slice(0, 600)}\n→ ${ans.status} ${ans.text.slice(0, 400)}\n${server.lastLog().join('\n').slice(0, 2_000)}`;
  if (deliberate501(req, ans)) return;
  if (ans.status >= 500) throw new Error(`5xx answer\n${where()}`);
  if (ans.status < 400) return;
  if (errorShapeOf(req.path) === 'mlflow') {
    const body = ans.json as { error_code?: unknown; message?: unknown } | undefined;
    if (typeof body?.message !== 'string' || typeof body.error_code !== 'string' || !(body.error_code in MLFLOW_ERROR_STATUS)) {
      throw new Error(`4xx without MLflow's error JSON\n${where()}`);
    }
  } else if (!ErrorBody.safeParse(ans.json).success) {
    throw new Error(`4xx without the API's error JSON\n${where()}`);
  }
}

/**
 * 5xx answers the fuzzer found in another engineer's area, reported and not fixed yet. Each has
 * an `it.fails` in found.test.ts that reproduces it: when the fix lands that test fails, and the
 * entry goes. Matching answers are counted and printed, never silently passed.
 */
export const KNOWN_OPEN: ReadonlyArray<{ owner: string; log: RegExp; what: string }> = [
];
const knownHits = new Map<string, number>();

function knownOpen(server: FuzzServer): boolean {
  const log = server.lastLog().join('\n');
  const known = KNOWN_OPEN.find((k) => k.log.test(log));
  if (!known) return false;
  knownHits.set(known.what, (knownHits.get(known.what) ?? 0) + 1);
  return true;
}

/** Prints the known open 5xx this file met (afterAll), so they stay in sight. */
export function printKnownOpen(): void {
  for (const [what, count] of knownHits) console.warn(`[fuzz] known open 5xx ×${count}: ${what}`);
}

/**
 * `FUZZ_COLLECT=1`: record every distinct 5xx (by the server's logged error and the first frame
 * in lib/) instead of stopping at the first, and print them at the end: a survey, not a test.
 */
const COLLECT = !!process.env.FUZZ_COLLECT;
const collected = new Map<string, { count: number; example: string }>();

function collect(server: FuzzServer, req: FuzzRequest, ans: Answer): void {
  if (ans.status < 500) return;
  const log = server.lastLog().join('\n');
  const message = (log.split('\n')[0] ?? '').replace(/^\[benchtop\] \S+ \S+ failed: /, '').replace(/"[^"]*"|\d+/g, '#');
  const frame = /\(?(\/\S*\/lib\/\S+?):\d+/.exec(log)?.[1]?.replace(/^.*\/lib\//, 'lib/') ?? '?';
  const key = `${server.backend} ${req.method} ${req.path.replace(/\?.*/, '').slice(0, 80)} | ${message.slice(0, 160)} @ ${frame}`;
  const entry = collected.get(key) ?? { count: 0, example: `${(req.body ?? '').slice(0, 300)}` };
  entry.count++;
  collected.set(key, entry);
}

export function printCollected(): void {
  printKnownOpen();
  if (!COLLECT) return;
  console.log(`${collected.size} distinct 5xx:\n${[...collected].map(([k, v]) => `×${v.count} ${k}\n    e.g. ${v.example}`).join('\n')}`);
}

/** Sends one request and checks the invariant. */
export async function probe(server: FuzzServer, req: FuzzRequest): Promise<Answer> {
  const ans = await server.call(req);
  checkAnswer(server, req, ans);
  return ans;
}

/** A body as sent: JSON of a generated value, or (1 in 20) text that is not JSON at all. */
export function bodyText(seeds: readonly unknown[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: nearValid(seeds).map(toJsonText) },
    { weight: 7, arbitrary: hostileJson.map(toJsonText) },
    { weight: 1, arbitrary: fc.oneof(hostileString, fc.constantFrom('{', '[1,', '{"a":1,}', "{'a':1}", 'NaN', '\u0000', '{"a":1}{"b":2}')) },
  );
}

export interface BodyFuzzOptions {
  method: string;
  /** Path (already encoded); a function when each case needs fresh ids. */
  path: string | (() => string);
  /** Valid bodies; each is checked to get a 2xx before fuzzing starts. */
  seeds: readonly unknown[];
  /** Extra check per answer (e.g. the answer's shape on 2xx). */
  also?: (ans: Answer) => void;
}

/** Answers per status class ('2xx', '4xx', …) of one property's cases. */
export type Tally = Record<string, number>;

export function tallyOf(statuses: readonly number[]): Tally {
  const out: Tally = {};
  for (const s of statuses) out[`${Math.floor(s / 100)}xx`] = (out[`${Math.floor(s / 100)}xx`] ?? 0) + 1;
  return out;
}

/**
 * FUZZ_RUNS generated bodies against one endpoint, checking the invariant on each. Returns the
 * tally, so a test can prove some bodies got through validation to the database.
 */
export async function fuzzBodies(server: FuzzServer, opts: BodyFuzzOptions): Promise<Tally> {
  const pathOf = () => (typeof opts.path === 'function' ? opts.path() : opts.path);
  const statuses: number[] = [];
  await fc.assert(
    fc.asyncProperty(bodyText(opts.seeds), async (body) => {
      const req = { method: opts.method, path: pathOf(), body };
      const ans = await probe(server, req);
      statuses.push(ans.status);
      opts.also?.(ans);
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: false },
  );
  const tally = tallyOf(statuses);
  if (process.env.FUZZ_VERBOSE) console.log(`${server.backend} ${opts.method} ${pathOf()}: ${JSON.stringify(tally)}`);
  return tally;
}

/** Sends each seed as is and expects a 2xx: proves the near-valid bodies start from valid ones. */
export async function expectSeedsAccepted(server: FuzzServer, method: string, path: string | (() => string), seeds: readonly unknown[]): Promise<void> {
  for (const seed of seeds) {
    const p = typeof path === 'function' ? path() : path;
    const ans = await server.send(method, p, seed);
    expect(ans.status, `${method} ${p} ${JSON.stringify(seed).slice(0, 300)} → ${ans.text.slice(0, 300)}`).toBeLessThan(300);
  }
}

/** Percent-encodes as a client would (a lone surrogate becomes U+FFFD, as UTF-8 encoders do). */
export function percentEncode(text: string): string {
  return encodeURIComponent(wellFormed(text));
}

/** A path segment: valid-looking ids and hostile text, percent-encoded or raw. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 5_000).map(percentEncode) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2e%2e', '..', '.', 'a%2Fb', '%ED%A0%80', 'x'.repeat(3_000)) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.-]{1,80}$/) },
);

/** A query string of hostile keys and values (the endpoint's own names included). */
export function queryString(names: readonly string[]): fc.Arbitrary<string> {
  const pair = fc.tuple(fc.oneof(fc.constantFrom(...names), hostileString), fc.oneof(hostileString, fc.integer().map(String)));
  return fc.array(pair, { maxLength: 5 }).map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}`));
}

/**
 * A generated value as a query string, as an MLflow GET carries fields: an object's keys are
 * parameters (a list repeats one), other values go as JSON text; anything else becomes `?q=`.
 */
export function toQuery(value: unknown): string {
  const leaf = (v: unknown) => (typeof v === 'string' ? v : toJsonText(v));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `?q=${percentEncode(leaf(value))}`;
  const pairs: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    for (const one of Array.isArray(v) ? v : [v]) pairs.push(`${percentEncode(k)}=${percentEncode(leaf(one))}`);
  }
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** FUZZ_RUNS generated query strings against one GET endpoint (near-valid field sets and hostile ones). */
export async function fuzzQueries(server: FuzzServer, opts: { path: string; seeds: readonly unknown[]; names: readonly string[] }): Promise<Tally> {
  const statuses: number[] = [];
  const query = fc.oneof({ weight: 4, arbitrary: nearValid(opts.seeds).map(toQuery) }, { weight: 1, arbitrary: queryString(opts.names) });
  await fc.assert(
    fc.asyncProperty(query, async (q) => {
      statuses.push((await probe(server, { method: 'GET', path: opts.path + q })).status);
    }),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: false },
  );
  const tally = tallyOf(statuses);
  if (process.env.FUZZ_VERBOSE) console.log(`${server.backend} GET ${opts.path}: ${JSON.stringify(tally)}`);
  return tally;
}

/** The server still answers after fuzzing, and its lists are still readable. */
export async function expectHealthy(server: FuzzServer, lists: readonly string[] = []): Promise<void> {
  const health = await server.call({ method: 'GET', path: '/api/v1/health', auth: false });
  expect(health.status).toBe(200);
  expect(health.json).toMatchObject({ ok: true, database: server.backend });
  for (const path of lists) {
    const ans = await server.call({ method: 'GET', path });
    expect(ans.status, `${path} → ${ans.text.slice(0, 300)}\n${server.lastLog().join('\n')}`).toBe(200);
  }
}
