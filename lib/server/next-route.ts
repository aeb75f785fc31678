import { sharedTrackingServer, type TrackingServer } from './app';
import { readStamp } from './peer-stamp.mjs';

/**
 * The request handler a Next catch-all route exports: it hands every request to the shared
 * tracking server's router (lib/server/http), and answers 503 in the API's own error shape when
 * the server cannot start (e.g. the database is unreachable). Next gives no socket: the peer (and
 * whether it came over TLS) is the one bin/serve.mjs stamped on the request, or unknown under plain `next start`.
 */
export function trackingServerRoute(
  unavailable: (message: string) => Response,
  tracking: () => Promise<TrackingServer> = sharedTrackingServer,
): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      const server = await tracking();
      const stamp = readStamp(req.headers);
      return await server.handle(req, { remoteAddress: stamp?.remoteAddress, secure: stamp?.secure });
    } catch (err) {
      console.error('[benchtop] tracking server unavailable:', err);
      return unavailable('tracking server is not available (see server log)');
    }
  };
}
