/**
 * Next.js calls `register` once when the server boots: open the tracking database (running its
 * migrations) and print the workspace token then, rather than on the first API request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { sharedTrackingServer } = await import('./lib/server/app');
  try {
    const server = await sharedTrackingServer();
    console.log(`[benchtop] tracking server ready (${server.services.db.dialect}); data in ${process.env.BENCHTOP_DATA_DIR ?? 'data'}`);
  } catch (err) {
    // The app still serves notebooks (they work offline); /api answers 503 and retries per request.
    console.error('[benchtop] tracking server could not start:', err instanceof Error ? err.message : err);
  }
}
