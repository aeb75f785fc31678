import type { HealthResponse } from '@/lib/track/api';
import { json } from '../errors';
import type { Route } from '../router';

export const healthRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/health',
    auth: 'public',
    // A public route never sees a predict token's access (the router leaves public routes alone); narrowed for the type.
    handle: async ({ services, access }) => json(200, { ok: true, database: services.db.dialect, access: access === 'predict' ? 'none' : access } satisfies HealthResponse),
  },
];
