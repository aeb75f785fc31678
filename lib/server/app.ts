import { readServerEnv, type ServerEnv } from './env';
import { createServices, type Services } from './services';
import { createRouter, type Handler } from './http/router';
import { v1Routes } from './http/routes';

export interface TrackingServer {
  /** Answers one /api/v1 request. `peer` carries the socket address when the transport knows it. */
  handle: Handler;
  services: Services;
  close(): Promise<void>;
}

export interface CreateTrackingServerOptions {
  env?: ServerEnv;
  log?: (line: string) => void;
}

export async function createTrackingServer(options: CreateTrackingServerOptions = {}): Promise<TrackingServer> {
  const env = options.env ?? readServerEnv();
  const services = await createServices({ env, log: options.log });
  return { handle: createRouter(v1Routes, services, options.log), services, close: () => services.close() };
}

const GLOBAL_KEY = Symbol.for('benchtop.trackingServer');

/**
 * The one server of a Next.js process, created on first request. Kept on globalThis so dev-mode
 * module reloads reuse the database connection instead of opening one per reload.
 */
export function sharedTrackingServer(): Promise<TrackingServer> {
  const g = globalThis as { [GLOBAL_KEY]?: Promise<TrackingServer> };
  if (!g[GLOBAL_KEY]) {
    g[GLOBAL_KEY] = createTrackingServer().catch((err: unknown) => {
      delete g[GLOBAL_KEY]; // let the next request retry (e.g. PostgreSQL was still starting)
      throw err;
    });
  }
  return g[GLOBAL_KEY];
}
