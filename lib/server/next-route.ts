import { sharedTrackingServer } from './app';

/**
 * The request handler a Next catch-all route exports: it hands every request to the shared
 * tracking server's router (lib/server/http), and answers 503 in the API's own error shape when
 * the server cannot start (e.g. the database is unreachable). Next gives no socket: the router
 * reads the peer from x-forwarded-for (see lib/server/auth.ts).
 */
export function trackingServerRoute(unavailable: (message: string) => Response): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      const server = await sharedTrackingServer();
      return await server.handle(req);
    } catch (err) {
      console.error('[benchtop] tracking server unavailable:', err);
      return unavailable('tracking server is not available (see server log)');
    }
  };
}
