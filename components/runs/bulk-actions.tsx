'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, buttonClasses } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TrashIcon } from '@/components/ui/icons';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { runQueryApi } from '@/lib/track/run-query-client';
import { connectionOf } from '@/lib/track/sync-settings';
import type { RunOrigin } from '@/lib/track/sync-merge';
import { RUNS_QUERY_ROOT } from './use-run-rows';
import { useRuns } from './use-runs';

export interface BulkActionsProps {
  ids: string[];
  origins: ReadonlyMap<string, RunOrigin>;
  /** The "Deleted" view: restore instead of delete. */
  deletedView: boolean;
  onDone: () => void;
}

/** Bulk requests carry at most this many ids (RUN_QUERY_LIMITS.maxBulkIds); bigger selections go in chunks. */
const CHUNK = 1000;

/**
 * Actions on the selected runs: soft delete on the server (restorable for 30 days from the
 * Deleted view), restore, tag, compare. Runs only this browser has are deleted from it instead.
 */
export function BulkActions({ ids, origins, deletedView, onDone }: BulkActionsProps) {
  const settings = useSyncSettings();
  const client = useQueryClient();
  const { remove: removeLocal } = useRuns();
  const [confirming, setConfirming] = useState(false);
  const [tagging, setTagging] = useState(false);
  const localOnly = ids.filter((id) => origins.get(id) === 'local');
  const onServer = ids.filter((id) => origins.get(id) !== 'local');

  const bulk = useMutation({
    mutationFn: async (body: { action: 'delete' | 'restore' | 'tag'; tag?: { key: string; value: string } }) => {
      const conn = connectionOf(settings);
      for (let i = 0; i < onServer.length; i += CHUNK) await runQueryApi.bulk(conn, { ...body, ids: onServer.slice(i, i + CHUNK) });
      if (body.action === 'delete' && localOnly.length > 0) await removeLocal(localOnly);
    },
    onSuccess: () => onDone(),
    onSettled: () => client.invalidateQueries({ queryKey: RUNS_QUERY_ROOT }),
  });

  const submitTag = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get('tag') ?? '').trim();
    if (!text) return;
    const [key, ...rest] = text.split('=');
    bulk.mutate({ action: 'tag', tag: { key: key.trim(), value: rest.join('=').trim() } });
    setTagging(false);
  };

  const n = ids.length;
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Selected runs">
      <span className="text-sm text-zinc-600" data-testid="selection-count">{n} selected</span>
      {deletedView ? (
        <Button disabled={n === 0 || bulk.isPending} onClick={() => bulk.mutate({ action: 'restore' })}>
          Restore{n ? ` ${n}` : ''}
        </Button>
      ) : (
        <Button icon={<TrashIcon />} disabled={n === 0 || bulk.isPending} onClick={() => setConfirming(true)}>
          Delete{n ? ` ${n}` : ''}
        </Button>
      )}
      {tagging ? (
        <form onSubmit={submitTag} className="flex items-center gap-1">
          <label>
            <span className="sr-only">Tag (key or key=value)</span>
            <input name="tag" autoFocus placeholder="key=value" className="h-8 w-40 rounded-md border border-zinc-300 px-2 text-sm focus:border-accent-500 focus:outline-none" />
          </label>
          <Button type="submit" disabled={onServer.length === 0}>Add tag</Button>
          <Button variant="ghost" onClick={() => setTagging(false)}>Cancel</Button>
        </form>
      ) : (
        <Button disabled={onServer.length === 0 || bulk.isPending} onClick={() => setTagging(true)}>Tag…</Button>
      )}
      {n >= 2 ? (
        <Link href={`/compare?runs=${ids.map(encodeURIComponent).join(',')}`} className={buttonClasses('secondary')}>
          Compare {n}
        </Link>
      ) : (
        <Button disabled title="Select two or more runs">Compare</Button>
      )}
      {bulk.isError && <span role="alert" className="text-sm text-red-700">{bulk.error.message}</span>}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${n} run${n === 1 ? '' : 's'}?`}
        confirmLabel="Delete"
        onConfirm={() => {
          setConfirming(false);
          bulk.mutate({ action: 'delete' });
        }}
        onCancel={() => setConfirming(false)}
      >
        {onServer.length > 0 && <p>{onServer.length} on the sync server move to Deleted: restorable there for 30 days.</p>}
        {localOnly.length > 0 && <p>{localOnly.length} only in this browser are removed from it for good.</p>}
      </ConfirmDialog>
    </div>
  );
}
