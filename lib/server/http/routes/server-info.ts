import { servingInfo } from '@/lib/server/serving.mjs';
import type { ServerInfo } from '@/lib/shared/server-info';
import { json } from '../errors';
import type { Route } from '../router';

export const serverInfoRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/server-info',
    // Workspace only: a stranger on the LAN need not learn every address this laptop has.
    auth: 'workspace',
    handle: async () => json(200, servingInfo() satisfies ServerInfo),
  },
];
