import Link from 'next/link';
import type { ServerRunsState } from '@/components/sync/use-server-runs';

/** One quiet line under the filter about the server's side of the list (nothing when all is well). */
export function ServerRunsNotice({ server }: { server: ServerRunsState }) {
  if (server.status === 'ready') return null;
  const text =
    server.status === 'loading'
      ? 'Checking the sync server for runs from other browsers and MLflow clients…'
      : server.status === 'off'
        ? 'Sync is off: only runs stored in this browser are listed.'
        : 'The sync server cannot be reached: showing runs stored in this browser only.';
  return (
    <p role="status" data-testid="server-runs-notice" data-state={server.status} className="mb-3 text-xs text-zinc-500" title={server.status === 'error' ? server.error : undefined}>
      {text}
      {server.status !== 'loading' && (
        <>
          {' '}
          <Link href="/settings" className="text-accent-600 underline underline-offset-2">Sync settings</Link>
        </>
      )}
    </p>
  );
}
