import type { HealthResponse } from '@/lib/track/api';
import { json } from '../errors';
import type { Route } from '../router';

export const healthRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/health',
    auth: 'public',
    handle: async ({ services, access }) => json(200, { ok: true, database: services.db.dialect, access } satisfies HealthResponse),
  },
];
