'use client';

import { useCallback } from 'react';
import { getNotebookStore } from '@/lib/track/tab-stores';
import { useAsync } from '@/components/store/use-async';
import type { CellOutput } from '@/lib/kernel/protocol';
import type { NotebookDoc } from '@/lib/notebook/notebook';
import { toStoredNotebook, type StoredNotebook } from '@/lib/notebook/persist';

/** What the home list needs of a stored notebook (records are validated only when opened). */
export interface NotebookSummary {
  id: string;
  title: string;
  updatedAt: number;
  cellCount: number | null;
  templateId: string | null;
}

function summarize(record: { id: string; title: string; updatedAt: number; [k: string]: unknown }): NotebookSummary {
  const r = record as Partial<StoredNotebook> & typeof record;
  return {
    id: r.id,
    title: r.title,
    updatedAt: r.updatedAt,
    cellCount: typeof r.cellCount === 'number' ? r.cellCount : null,
    templateId: typeof r.templateId === 'string' ? r.templateId : null,
  };
}

export function useNotebookList() {
  const [state, reload] = useAsync(async () => (await (await getNotebookStore()).listNotebooks()).map(summarize), []);
  const remove = useCallback(
    async (id: string) => {
      await (await getNotebookStore()).deleteNotebook(id);
      reload();
    },
    [reload],
  );
  return { state, reload, remove };
}

/** Stores a new notebook; the caller navigates to it. */
export async function saveNewNotebook(doc: NotebookDoc, outputs?: Record<string, CellOutput[]>): Promise<void> {
  await (await getNotebookStore()).putNotebook(toStoredNotebook(doc, outputs));
}
