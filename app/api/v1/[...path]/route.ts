import { sharedTrackingServer } from '@/lib/server/app';

/** Thin edge: every /api/v1 request goes to the shared router in lib/server/http. */
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  try {
    const server = await sharedTrackingServer();
    // Next gives no socket: the router reads the peer from x-forwarded-for (see lib/server/auth.ts).
    return await server.handle(req);
  } catch (err) {
    console.error('[benchtop] tracking server unavailable:', err);
    return Response.json({ error: { code: 'unavailable', message: 'tracking server is not available (see server log)' } }, { status: 503 });
  }
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as OPTIONS };
