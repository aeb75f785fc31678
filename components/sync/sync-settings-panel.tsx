'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { usePageOrigin } from '@/components/store/use-page-origin';
import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import { serverApi, type ServerConnection } from '@/lib/track/sync-api-client';
import { useSyncStatus } from './use-sync-status';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf, writeSyncSettings, type SyncSettings } from '@/lib/track/sync-settings';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'done'; ok: boolean; message: string };

const ACCESS_TEXT = {
  token: 'the token is accepted: runs will sync.',
  local: 'trusted local use (no token needed on this machine): runs will sync.',
  student: 'signed in as a student of a class: your runs sync to the class.',
  none: 'reachable, but this browser may not write: set the workspace token.',
} as const;

async function checkServer(conn: ServerConnection): Promise<{ ok: boolean; message: string }> {
  try {
    const h = await serverApi.health(conn);
    return { ok: h.access !== 'none', message: `Server up (${h.database}); ${ACCESS_TEXT[h.access]}` };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** Server URL + token for sync (stored in this browser's localStorage), with a connection test. */
export function SyncSettingsPanel() {
  const saved = useSyncSettings();
  const status = useSyncStatus();
  const [draft, setDraft] = useState<SyncSettings>(saved);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const origin = usePageOrigin();
  useEffect(() => setDraft(saved), [saved]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  function save(e: FormEvent) {
    e.preventDefault();
    writeSyncSettings(draft);
  }

  async function test() {
    setCheck({ state: 'checking' });
    setCheck({ state: 'done', ...(await checkServer(connectionOf(draft))) });
  }

  const input = 'mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-accent-500 focus:outline-none';
  return (
    <form onSubmit={save} className="max-w-xl space-y-4 rounded-lg border border-zinc-200 bg-white p-5" aria-label="Sync settings">
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-900">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
        Sync runs to a server
      </label>
      <label className="block text-sm text-zinc-700">
        Server URL
        <input
          className={input}
          type="url"
          placeholder="empty = this server"
          value={draft.serverUrl}
          onChange={(e) => setDraft({ ...draft, serverUrl: e.target.value })}
        />
        <span className="mt-1 block text-xs text-zinc-500">Another Benchtop server, e.g. your class&apos;s; empty syncs to {origin || 'this server'}.</span>
      </label>
      <label className="block text-sm text-zinc-700">
        Workspace token
        <input className={input} type="password" autoComplete="off" value={draft.token} onChange={(e) => setDraft({ ...draft, token: e.target.value })} />
        <span className="mt-1 block text-xs text-zinc-500">Printed by the server on first start (or BENCHTOP_TOKEN). Not needed for a server on this machine.</span>
      </label>
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={!dirty}>Save</Button>
        <Button onClick={test} disabled={check.state === 'checking'}>{check.state === 'checking' ? 'Testing…' : 'Test connection'}</Button>
      </div>
      {check.state === 'done' && (
        <p role="status" className={`text-sm ${check.ok ? 'text-emerald-700' : 'text-red-600'}`}>{check.message}</p>
      )}
      <dl className="grid grid-cols-2 gap-2 border-t border-zinc-100 pt-3 text-sm" data-testid="sync-summary">
        <dt className="text-zinc-500">State</dt>
        <dd>{!status.enabled ? 'off' : !status.leader ? 'syncing in another tab' : status.state}</dd>
        <dt className="text-zinc-500">Queued batches</dt>
        <dd>{status.queued}</dd>
        <dt className="text-zinc-500">Last fully synced</dt>
        <dd>{status.lastSyncedAt ? formatDateTime(status.lastSyncedAt) : '—'}</dd>
        {status.lastError && (
          <>
            <dt className="text-zinc-500">Last error</dt>
            <dd className="break-words text-red-600">{status.lastError}</dd>
          </>
        )}
      </dl>
    </form>
  );
}
