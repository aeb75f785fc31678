import { sharedTrackingServer } from '@/lib/server/app';

/**
 * MLflow's REST API (issue 6): the shared tracking server's router carries /api/2.0/mlflow/*
 * to lib/server/mlflow, so `MLFLOW_TRACKING_URI=http://<this host>` works for MLflow clients.
 */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  try {
    const server = await sharedTrackingServer();
    return await server.handle(req);
  } catch (err) {
    console.error('[benchtop] tracking server unavailable:', err);
    return Response.json({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'tracking server is not available (see server log)' }, { status: 503 });
  }
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as OPTIONS };
