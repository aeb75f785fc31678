import fc from 'fast-check';
import type { Route } from '@/lib/server/http/router';
import { toJsonText } from './json-text';
import { hostileJson } from './hostile';
import { FUZZ_RUNS, FUZZ_SEED, pathSegment, probe, queryString, type FuzzServer } from './fuzz-server';

/**
 * Every route of a table with fuzzed path parameters and query strings: each `:param` is a
 * hostile segment or (half the time, so handlers get past their 404s) a real id from `known`;
 * GET routes get the query names they read, others a hostile JSON body.
 */
export interface RoutePathFuzzOptions {
  routes: readonly Route[];
  /** Real values per parameter name (e.g. runId → the fixture run's id). */
  known: Record<string, readonly string[]>;
  /** Query parameter names the routes read. */
  queryNames: readonly string[];
  /** Cases per route (default FUZZ_RUNS / 8: at least FUZZ_RUNS per route family; bodies are fuzzed per endpoint). */
  runsPerRoute?: number;
}

export async function fuzzRoutePaths(server: FuzzServer, opts: RoutePathFuzzOptions): Promise<number> {
  let cases = 0;
  for (const route of opts.routes) {
    const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    // Deleting a fixture would turn every later case into a 404: DELETE gets hostile segments only.
    const segment = (name: string) =>
      route.method === 'DELETE' || !opts.known[name]?.length ? pathSegment : fc.oneof(pathSegment, fc.constantFrom(...opts.known[name]));
    const params = fc.tuple(...names.map(segment));
    const body = route.method === 'GET' || route.method === 'DELETE' ? fc.constant(undefined) : fc.option(hostileJson.map(toJsonText), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(params, queryString(opts.queryNames), body, async (values, query, text) => {
        let i = 0;
        const path = route.path.replace(/:([A-Za-z]+)\+?/g, () => values[i++]) + query;
        cases++;
        await probe(server, { method: route.method, path, body: text });
      }),
      { numRuns: opts.runsPerRoute ?? Math.ceil(FUZZ_RUNS / 8), seed: FUZZ_SEED, endOnFailure: false },
    );
  }
  return cases;
}
