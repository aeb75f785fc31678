import { trackingServerRoute } from '@/lib/server/next-route';

/**
 * MLflow's artifact proxy (issue 15): `mlflow-artifacts:/…` URIs resolve here, so
 * `mlflow.log_artifact`, `log_model` and `download_artifacts` work against this server.
 */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handle = trackingServerRoute((message) => Response.json({ error_code: 'TEMPORARILY_UNAVAILABLE', message }, { status: 503 }));

export { handle as GET, handle as PUT, handle as DELETE, handle as OPTIONS };
