'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { Section } from '@/components/ui/card';
import { downloadBlob } from '@/components/ui/download';
import { DownloadIcon } from '@/components/ui/icons';
import { MarkdownView } from '@/components/notebook/markdown-view';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { RUNS_QUERY_ROOT } from '@/components/runs/use-run-rows';
import type { RunMetaPatch, RunRow } from '@/lib/track/run-query';
import { runQueryApi } from '@/lib/track/run-query-client';
import { connectionOf } from '@/lib/track/sync-settings';

const inputClass = 'h-8 rounded-md border border-zinc-300 px-2 text-sm focus:border-accent-500 focus:outline-none';

/**
 * A run's name, tags and markdown notes, edited on the sync server (PUT /runs/:id/meta): what
 * the runs table filters and shows. A run not on the server yet says so instead.
 */
export function RunMetaPanel({ runId }: { runId: string }) {
  const settings = useSyncSettings();
  const client = useQueryClient();
  const key = [...RUNS_QUERY_ROOT, 'meta', settings.serverUrl, settings.token, runId];
  const meta = useQuery({
    queryKey: key,
    queryFn: async () => (await runQueryApi.query(connectionOf(settings), { filter: `id = ${JSON.stringify(runId)}`, includeDeleted: true, limit: 1, columns: [] })).rows[0] ?? null,
    enabled: settings.enabled,
  });
  const save = useMutation({
    mutationFn: (patch: RunMetaPatch) => runQueryApi.patchMeta(connectionOf(settings), runId, patch),
    onSuccess: (row) => {
      client.setQueryData(key, row);
      void client.invalidateQueries({ queryKey: RUNS_QUERY_ROOT, predicate: (q) => q.queryKey[1] !== 'meta' });
    },
  });

  let body;
  if (!settings.enabled) body = <p className="text-sm text-zinc-500">Sync is off: notes and tags are kept on the sync server.</p>;
  else if (meta.isPending) body = <p className="text-sm text-zinc-500">Loading…</p>;
  else if (meta.isError) body = <p className="text-sm text-red-700">{meta.error.message}</p>;
  else if (!meta.data) body = <p className="text-sm text-zinc-500">This run is not on the sync server yet: notes and tags can be added once it is synced.</p>;
  else body = <MetaEditor row={meta.data} saving={save.isPending} onSave={(patch) => save.mutate(patch)} />;

  const downloadMetrics = useMutation({
    mutationFn: async () => {
      const conn = connectionOf(settings);
      downloadBlob(await runQueryApi.file(conn, runQueryApi.metricsCsvUrl(conn, runId)), `${runId}-metrics.csv`);
    },
  });

  return (
    <Section
      id="notes"
      title="Name, tags and notes"
      actions={
        meta.data && (
          <Button icon={<DownloadIcon />} disabled={downloadMetrics.isPending} onClick={() => downloadMetrics.mutate()}>
            Metrics CSV
          </Button>
        )
      }
    >
      {downloadMetrics.isError && <p role="alert" className="text-sm text-red-700">{downloadMetrics.error.message}</p>}
      {body}
      {save.isError && <p role="alert" className="text-sm text-red-700">{save.error.message}</p>}
    </Section>
  );
}

function MetaEditor({ row, saving, onSave }: { row: RunRow; saving: boolean; onSave: (patch: RunMetaPatch) => void }) {
  const [editingNotes, setEditingNotes] = useState(false);
  const [notes, setNotes] = useState(row.notes ?? '');
  const rename = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name') ?? '').trim();
    if (name && name !== row.name) onSave({ name });
  };
  const addTag = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const [k, ...v] = String(new FormData(form).get('tag') ?? '').split('=');
    if (!k.trim()) return;
    onSave({ tags: { ...row.tags, [k.trim()]: v.join('=').trim() } });
    form.reset();
  };
  const removeTag = (k: string) => {
    const { [k]: _removed, ...rest } = row.tags;
    onSave({ tags: rest });
  };
  return (
    <div className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4">
      <form onSubmit={rename} className="flex flex-wrap items-center gap-2" key={row.name}>
        <label className="flex min-w-0 max-w-full items-center gap-2 text-sm text-zinc-600">
          Name
          <input name="name" defaultValue={row.name} maxLength={256} className={`${inputClass} w-72 min-w-0 max-w-full`} />
        </label>
        <Button type="submit" disabled={saving}>Rename</Button>
      </form>
      <div className="flex flex-wrap items-center gap-2" data-testid="run-tags">
        <span className="text-sm text-zinc-600">Tags</span>
        {Object.entries(row.tags).map(([k, v]) => (
          <span key={k} className="inline-flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700">
            {v ? `${k}: ${v}` : k}
            <button type="button" onClick={() => removeTag(k)} disabled={saving} aria-label={`Remove tag ${k}`} className="rounded px-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900">
              ×
            </button>
          </span>
        ))}
        <form onSubmit={addTag} className="flex items-center gap-1">
          <label>
            <span className="sr-only">New tag (key or key=value)</span>
            <input name="tag" placeholder="key=value" className={`${inputClass} w-36 font-mono`} />
          </label>
          <Button type="submit" disabled={saving}>Add tag</Button>
        </form>
      </div>
      <div>
        <div className="mb-1 flex items-center gap-2">
          <span className="text-sm text-zinc-600">Notes (markdown)</span>
          {!editingNotes && (
            <Button size="sm" variant="ghost" onClick={() => { setNotes(row.notes ?? ''); setEditingNotes(true); }}>
              Edit notes
            </Button>
          )}
        </div>
        {editingNotes ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onSave({ notes: notes.trim() ? notes : null });
              setEditingNotes(false);
            }}
            className="space-y-2"
          >
            <label className="block">
              <span className="sr-only">Notes</span>
              <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={8} className="w-full rounded-md border border-zinc-300 p-2 font-mono text-sm focus:border-accent-500 focus:outline-none" />
            </label>
            <div className="flex gap-2">
              <Button type="submit" variant="primary" disabled={saving}>Save notes</Button>
              <Button variant="ghost" onClick={() => setEditingNotes(false)}>Cancel</Button>
            </div>
          </form>
        ) : row.notes ? (
          <div data-testid="run-notes"><MarkdownView source={row.notes} /></div>
        ) : (
          <p className="text-sm text-zinc-500">No notes yet.</p>
        )}
      </div>
    </div>
  );
}
