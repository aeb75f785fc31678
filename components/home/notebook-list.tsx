'use client';

import Link from 'next/link';
import { useState } from 'react';
import { IconButton } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { formatRelative } from '@/components/ui/format';
import { TrashIcon } from '@/components/ui/icons';
import type { NotebookSummary } from './use-notebooks';

export function NotebookList({ notebooks, onDelete, now }: { notebooks: NotebookSummary[]; onDelete: (id: string) => void; now: number }) {
  const [deleting, setDeleting] = useState<NotebookSummary | null>(null);
  return (
    <>
      <ul className="divide-y divide-zinc-100 overflow-hidden rounded-lg border border-zinc-200 bg-white" aria-label="Notebooks">
        {notebooks.map((nb) => (
          <li key={nb.id} className="flex items-center gap-4 px-4 py-3 hover:bg-zinc-50">
            <Link href={`/notebooks/${encodeURIComponent(nb.id)}`} className="min-w-0 flex-1">
              <span className="block truncate font-medium text-zinc-900 hover:text-accent-700">{nb.title || 'Untitled notebook'}</span>
              <span className="text-xs text-zinc-500">
                {nb.cellCount != null && `${nb.cellCount} cells · `}edited {formatRelative(nb.updatedAt, now)}
              </span>
            </Link>
            <IconButton label={`Delete notebook ${nb.title}`} tone="danger" onClick={() => setDeleting(nb)}>
              <TrashIcon />
            </IconButton>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting != null}
        title={`Delete “${deleting?.title ?? ''}”?`}
        confirmLabel="Delete notebook"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) onDelete(deleting.id);
          setDeleting(null);
        }}
      >
        The notebook is removed from this browser. Its runs stay on the Runs page.
      </ConfirmDialog>
    </>
  );
}
