import { trackingServerRoute } from '@/lib/server/next-route';

/** Thin edge: every /api/v1 request goes to the shared router in lib/server/http. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handle = trackingServerRoute((message) => Response.json({ error: { code: 'unavailable', message } }, { status: 503 }));

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as OPTIONS };
