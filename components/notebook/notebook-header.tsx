'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { DownloadIcon } from '@/components/ui/icons';
import { formatRelative } from '@/components/ui/format';
import type { SaveStatus } from './use-autosave';

function SaveIndicator({ status }: { status: SaveStatus }) {
  const text =
    status.kind === 'saving' ? 'Saving…' : status.kind === 'pending' ? 'Unsaved changes' : status.kind === 'error' ? `Not saved: ${status.message}` : status.at ? `Saved ${formatRelative(status.at)}` : 'Saved in this browser';
  return (
    <span role="status" aria-live="polite" className={`text-xs ${status.kind === 'error' ? 'font-medium text-red-600' : 'text-zinc-500'}`}>
      {text}
    </span>
  );
}

/** Title (editable in place), save state and file actions. */
export function NotebookHeader({ title, onRename, save, onExport, importButton, badge }: { title: string; onRename: (t: string) => void; save: SaveStatus; onExport: () => void; importButton: React.ReactNode; badge?: React.ReactNode }) {
  const [draft, setDraft] = useState(title);
  useEffect(() => setDraft(title), [title]);
  const commit = () => {
    const next = draft.trim() || 'Untitled notebook';
    setDraft(next);
    if (next !== title) onRename(next);
  };
  return (
    <div className="mb-3 flex flex-wrap items-center gap-3">
      <input
        aria-label="Notebook title"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') {
            setDraft(title);
            e.currentTarget.blur();
          }
        }}
        className="-ml-2 min-w-48 flex-1 rounded-md border border-transparent bg-transparent px-2 py-1 text-xl font-semibold tracking-tight text-zinc-900 hover:border-zinc-200 focus:border-accent-500 focus:bg-white focus:outline-none"
      />
      <SaveIndicator status={save} />
      {badge}
      <div className="flex items-center gap-2">
        {importButton}
        <Button size="sm" icon={<DownloadIcon />} onClick={onExport}>
          Export
        </Button>
      </div>
    </div>
  );
}
