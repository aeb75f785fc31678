'use client';

import type { NotebookTemplate } from '@/lib/notebook/notebook';
import { PlusIcon } from '@/components/ui/icons';

/** Cards that create a notebook: one per template, and a blank one. */
export function TemplateGallery({ templates, onCreate, busy }: { templates: NotebookTemplate[]; onCreate: (template: NotebookTemplate | null) => void; busy: boolean }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {templates.map((t) => (
        <li key={t.id}>
          <button
            type="button"
            disabled={busy}
            onClick={() => onCreate(t)}
            aria-label={`New notebook from template ${t.title}`}
            className="group flex h-full w-full flex-col rounded-lg border border-zinc-200 bg-white p-4 text-left shadow-xs transition hover:border-accent-300 hover:shadow-sm disabled:opacity-60"
          >
            <span className="font-medium text-zinc-900 group-hover:text-accent-700">{t.title}</span>
            <span className="mt-1 line-clamp-3 text-xs leading-relaxed text-zinc-500">{t.description}</span>
            <span className="mt-auto pt-3 text-xs text-zinc-500">{t.cells.length} cells</span>
          </button>
        </li>
      ))}
      <li>
        <button
          type="button"
          disabled={busy}
          onClick={() => onCreate(null)}
          aria-label="New blank notebook"
          className="flex h-full min-h-28 w-full flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-zinc-300 bg-white/60 p-4 text-zinc-500 transition hover:border-accent-300 hover:text-accent-700 disabled:opacity-60"
        >
          <PlusIcon />
          <span className="font-medium">Blank notebook</span>
        </button>
      </li>
    </ul>
  );
}
