'use client';

import { memo } from 'react';
import { editorLanguage, type Cell } from '@/lib/notebook/cell';
import { firstErrorLine } from '@/lib/notebook/outputs';
import type { CellRuntime } from '@/lib/notebook/state';
import { CellEditor } from '../editor/cell-editor';
import { MarkdownView } from '../markdown-view';
import type { LiveRunStore } from '@/lib/runs/live-run-store';
import { CellOutputs } from '../outputs/cell-outputs';
import type { CellActions } from './cell-actions';
import { CellGutter } from './cell-gutter';
import { CellToolbar } from './cell-toolbar';
import { SweepCellPanel } from '@/components/sweep/sweep-cell-panel';

export interface CellViewProps {
  cell: Cell;
  index: number;
  count: number;
  runtime: CellRuntime;
  selected: boolean;
  editing: boolean;
  actions: CellActions;
  live: LiveRunStore;
}

const STATUS_RING: Record<CellRuntime['status'], string> = {
  idle: '', queued: '', done: '', stopped: '',
  running: 'ring-1 ring-accent-200',
  error: 'ring-1 ring-red-200',
};

/** One cell: gutter, controls, editor (or rendered markdown), outputs. */
export const CellView = memo(function CellView({ cell, index, count, runtime, selected, editing, actions, live }: CellViewProps) {
  const label = `Cell ${index + 1}, ${cell.type}`;
  const busy = runtime.status === 'running' || runtime.status === 'queued';
  const showEditor = cell.type !== 'markdown' || editing || cell.source.trim() === '';
  return (
    <div
      role="group"
      aria-label={label}
      data-cell-id={cell.id}
      data-cell-type={cell.type}
      data-status={runtime.status}
      tabIndex={-1}
      onMouseDown={() => actions.select(cell.id)}
      className="group/cell flex outline-none"
    >
      <CellGutter runtime={runtime} runnable={cell.type !== 'markdown'} />
      <div className={`min-w-0 flex-1 rounded-lg border bg-white transition-shadow ${selected ? 'border-accent-300 shadow-sm' : 'border-zinc-200'} ${STATUS_RING[runtime.status]}`}>
        <div className={`rounded-l-lg border-l-4 ${selected ? 'border-l-accent-500' : 'border-l-transparent'}`}>
          <CellToolbar cell={cell} actions={actions} isFirst={index === 0} isLast={index === count - 1} busy={busy} />
          {showEditor ? (
            <CellEditor
              cellId={cell.id}
              language={editorLanguage(cell)}
              initialValue={cell.source}
              ariaLabel={`${label} editor`}
              onChange={(v) => actions.updateSource(cell.id, v)}
              onRun={(mode) => actions.run(cell.id, mode)}
              onEscape={() => actions.commandMode(cell.id)}
              onFocus={() => actions.select(cell.id)}
              errorLine={cell.type === 'code' ? firstErrorLine(runtime.outputs)?.line ?? null : null}
              autoFocus={editing}
            />
          ) : (
            <div className="cursor-text px-5 py-3" onDoubleClick={() => actions.setEditing(cell.id)} title="Double-click to edit">
              <MarkdownView source={cell.source} />
            </div>
          )}
          {cell.type === 'sweep' && <SweepCellPanel cellId={cell.id} source={cell.source} />}
          <CellOutputs outputs={runtime.outputs} truncated={runtime.truncated} store={live} cellLabel={label} showPositions={cell.type === 'code'} />
        </div>
      </div>
    </div>
  );
});
