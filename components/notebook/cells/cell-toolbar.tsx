'use client';

import { IconButton } from '@/components/ui/button';
import { ArrowDownIcon, ArrowUpIcon, PlayIcon, TrashIcon } from '@/components/ui/icons';
import type { Cell, CellType } from '@/lib/notebook/cell';
import type { CellActions } from './cell-actions';

const TYPE_LABELS: Record<CellType, string> = { code: 'Code', markdown: 'Markdown', sweep: 'Sweep (YAML)' };

/** Per-cell controls: type, language, run, move, delete. Names are what screen readers and tests use. */
export function CellToolbar({ cell, actions, isFirst, isLast, busy }: { cell: Cell; actions: CellActions; isFirst: boolean; isLast: boolean; busy: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-zinc-100 px-2 py-1">
      <label className="sr-only" htmlFor={`type-${cell.id}`}>Cell type</label>
      <select
        id={`type-${cell.id}`}
        value={cell.type}
        onChange={(e) => actions.setType(cell.id, e.target.value as CellType)}
        className="h-6 rounded border-0 bg-transparent pr-6 pl-1 text-xs text-zinc-500 hover:bg-zinc-100 focus:ring-1 focus:ring-accent-500"
      >
        {(Object.keys(TYPE_LABELS) as CellType[]).map((t) => (
          <option key={t} value={t}>{TYPE_LABELS[t]}</option>
        ))}
      </select>
      {cell.type === 'code' && (
        <div role="radiogroup" aria-label="Cell language" className="ml-1 flex rounded-md bg-zinc-100 p-0.5 text-[11px] font-medium">
          {(['typescript', 'javascript'] as const).map((lang) => (
            <button
              key={lang}
              type="button"
              role="radio"
              aria-checked={cell.language === lang}
              onClick={() => actions.setLanguage(cell.id, lang)}
              className={`rounded px-1.5 py-0.5 ${cell.language === lang ? 'bg-white text-zinc-900 shadow-xs' : 'text-zinc-600 hover:text-zinc-900'}`}
            >
              {lang === 'typescript' ? 'TS' : 'JS'}
            </button>
          ))}
        </div>
      )}
      <div className="ml-auto flex items-center gap-0.5">
        {cell.type !== 'markdown' && (
          <IconButton label="Run cell" onClick={() => actions.run(cell.id, 'stay')} disabled={busy} className="text-accent-600 hover:text-accent-700">
            <PlayIcon />
          </IconButton>
        )}
        <IconButton label="Move cell up" onClick={() => actions.move(cell.id, -1)} disabled={isFirst}>
          <ArrowUpIcon />
        </IconButton>
        <IconButton label="Move cell down" onClick={() => actions.move(cell.id, 1)} disabled={isLast}>
          <ArrowDownIcon />
        </IconButton>
        <IconButton label="Delete cell" tone="danger" onClick={() => actions.remove(cell.id)}>
          <TrashIcon />
        </IconButton>
      </div>
    </div>
  );
}
