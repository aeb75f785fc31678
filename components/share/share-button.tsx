'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import { ApiError, serverApi } from '@/lib/track/sync-api-client';
import type { Share } from '@/lib/track/api';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf, serverOrigin } from '@/lib/track/sync-settings';
import { useShareLinks } from './use-share-links';

/** Why sharing failed, in words a user can act on. */
function explain(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 404) return 'This run is not on the server yet. Share it once it shows “Synced”.';
    if (e.status === 401) return 'The server needs the workspace token: set it in the sync settings.';
    if (e.status === 0) return `The server is unreachable (${e.message}).`;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Share a run as a read-only link (`/share/<token>` on the sync server): create, copy, revoke.
 * Props: `runId`. Needs sync on, since the server serves the link.
 */
export function ShareButton({ runId }: { runId: string }) {
  const settings = useSyncSettings();
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  // Off by default: a link shows the code only when the sharer says so.
  const [includeCode, setIncludeCode] = useState(false);
  const conn = connectionOf(settings);
  const linkOf = (s: Share) => `${serverOrigin(settings)}${s.path}`;
  const { shares, busy, error, create, revoke } = useShareLinks({
    queryKey: ['shares', 'run', settings.serverUrl, settings.token, runId],
    enabled: open && settings.enabled,
    list: () => serverApi.listShares(conn, runId),
    create: () => serverApi.createShare(conn, runId, { includeCode }),
    revoke: (token) => serverApi.revokeShare(conn, token),
    onCreated: copy,
    explain,
  });
  async function copy(s: Share) {
    try {
      await navigator.clipboard.writeText(linkOf(s));
      setCopied(s.token);
    } catch {
      setCopied(null); // clipboard denied: the link is on screen to copy by hand
    }
  }

  return (
    <div className="relative">
      <Button onClick={() => setOpen(!open)} aria-expanded={open}>Share</Button>
      {open && (
        <div role="dialog" aria-label="Share this run" className="absolute right-0 z-20 mt-2 w-[28rem] max-w-[90vw] space-y-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-lg">
          <p className="text-sm text-zinc-700">Anyone with a link sees this run read-only: charts, config, environment and checkpoints, and its code only if you include it. Revoke a link to turn it off.</p>
          {!settings.enabled ? (
            <p className="text-sm text-amber-800">Turn on sync first: share links are served by the sync server.</p>
          ) : (
            <>
              {shares === null ? (
                <p className="text-sm text-zinc-500">Loading links…</p>
              ) : (
                <ul className="space-y-2" aria-label="Share links">
                  {shares.map((s) => (
                    <li key={s.token} className="space-y-1 rounded-md border border-zinc-200 p-2">
                      <input readOnly value={linkOf(s)} aria-label="Share link" className="w-full rounded border border-zinc-200 bg-zinc-50 px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
                      <div className="flex items-center gap-2 text-xs text-zinc-500">
                        <span className="flex-1">created {formatDateTime(s.createdAt)} · {s.includeCode ? 'with code' : 'without code'}</span>
                        <Button size="sm" onClick={() => copy(s)}>{copied === s.token ? 'Copied' : 'Copy'}</Button>
                        <Button size="sm" variant="danger" disabled={busy} onClick={() => revoke(s.token)}>Revoke</Button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              <div className="flex items-center gap-3">
                <label className="flex items-center gap-2 text-sm text-zinc-700">
                  <input type="checkbox" checked={includeCode} onChange={(e) => setIncludeCode(e.currentTarget.checked)} />
                  Include code
                </label>
                <Button variant="primary" disabled={busy} onClick={() => create()}>{busy ? 'Working…' : 'Create link'}</Button>
              </div>
            </>
          )}
          {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
        </div>
      )}
    </div>
  );
}
