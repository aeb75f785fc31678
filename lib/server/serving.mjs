import { lanUrls } from './lan-urls.mjs';

/**
 * What the running app server serves (protocol, port, certificate), published by bin/serve.mjs on
 * globalThis so that GET /api/v1/server-info, a route handler in the same process but in Next's
 * separately bundled module graph, answers the same LAN URLs the terminal printed.
 */
const KEY = Symbol.for('benchtop.serving');

/**
 * @typedef {{ protocol: 'http' | 'https', port: number, host?: string, fingerprint256: string | null }} Serving
 * @param {Serving} serving
 */
export function publishServing(serving) {
  /** @type {Record<symbol, Serving | undefined>} */ (globalThis)[KEY] = serving;
}

/**
 * `{https, lanUrls, fingerprint256}`; LAN addresses are read now, so a laptop that changed
 * networks since it started answers its current ones. Nothing published (the standalone API
 * server, plain `next start`): not HTTPS, and no URL known.
 * @returns {{ https: boolean, lanUrls: string[], fingerprint256: string | null }}
 */
export function servingInfo() {
  const serving = /** @type {Record<symbol, Serving | undefined>} */ (globalThis)[KEY];
  if (!serving) return { https: false, lanUrls: [], fingerprint256: null };
  return {
    https: serving.protocol === 'https',
    lanUrls: lanUrls({ protocol: serving.protocol, port: serving.port, host: serving.host }),
    fingerprint256: serving.fingerprint256,
  };
}
