import { trackingServerRoute } from '@/lib/server/next-route';

/**
 * MLflow's REST API (issue 6): the shared tracking server's router carries /api/2.0/mlflow/*
 * to lib/server/mlflow, so `MLFLOW_TRACKING_URI=http://<this host>` works for MLflow clients.
 */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handle = trackingServerRoute((message) => Response.json({ error_code: 'TEMPORARILY_UNAVAILABLE', message }, { status: 503 }));

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
