'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatBytes } from '@/components/ui/format';
import { TrashIcon } from '@/components/ui/icons';
import { tabularTemplate } from '@/lib/bench/templates/tabular';
import type { TableMeta } from '@/lib/data/dataset-db';
import { targetProblem } from '@/lib/data/tables/column-types';
import { MAX_TABLE_ROWS } from '@/lib/data/tables/csv-stream';
import type { MissingPolicy } from '@/lib/data/tables/encode-table';
import { useOpenInNotebook } from './open-in-notebook';
import { TablePreview } from './table-preview';
import { saveTableMeta } from './use-stored-datasets';

const MISSING_CHOICES: { value: MissingPolicy; label: string }[] = [
  { value: 'impute', label: 'Fill them: numeric columns with the training mean, categorical ones with the most frequent value' },
  { value: 'drop', label: 'Drop every row that has a missing feature' },
];

/** One stored table: its size and sampling, bad rows, typed preview, target and missing-value choice. */
export function TableCard({ meta: stored, onChange, onDelete }: { meta: TableMeta; onChange: () => void; onDelete: () => void }) {
  // Choices show at once; the stored record follows (IndexedDB is asynchronous).
  const [choices, setChoices] = useState<Pick<Partial<TableMeta>, 'target' | 'missing'>>({});
  const meta = { ...stored, ...choices };
  const id = useId();
  const { open, problem } = useOpenInNotebook(tabularTemplate, 'table', meta.name);
  const missingCells = meta.columns.reduce((n, c) => n + c.missing, 0);
  const textColumns = meta.columns.filter((c) => c.type === 'text' && c.name !== meta.target).map((c) => c.name);
  const update = async (patch: Pick<Partial<TableMeta>, 'target' | 'missing'>) => {
    setChoices((c) => ({ ...c, ...patch }));
    await saveTableMeta({ ...meta, ...patch });
    onChange();
  };
  return (
    <Card className="space-y-3 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate font-medium text-zinc-900">{meta.name}</h3>
          <p className="text-sm text-zinc-600" data-testid="table-rows">
            {formatBytes(meta.sizeBytes)} ·{' '}
            {meta.sampled
              ? `a random sample of ${meta.keptRows.toLocaleString('en-US')} of its ${meta.totalRows.toLocaleString('en-US')} rows (at most ${MAX_TABLE_ROWS.toLocaleString('en-US')} rows are kept in the browser)`
              : `${meta.totalRows.toLocaleString('en-US')} rows`}{' '}
            · {meta.columns.length} columns · {missingCells.toLocaleString('en-US')} missing cells
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" onClick={() => void open()} disabled={!meta.target}>
            New notebook: forest vs MLP
          </Button>
          <Button variant="ghost" icon={<TrashIcon />} onClick={onDelete} aria-label={`Delete ${meta.name}`}>
            Delete
          </Button>
        </div>
      </div>
      {meta.badRowCount > 0 && (
        <p className="text-sm text-amber-900" data-testid="bad-rows">
          {meta.badRowCount.toLocaleString('en-US')} malformed row(s) skipped (their cell count differs from the header&apos;s): {meta.badRows.map((b) => `row ${b.row}`).join(', ')}
          {meta.badRowCount > meta.badRows.length ? ', …' : ''}
        </p>
      )}
      <TablePreview meta={meta} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-target`} className="block text-sm font-medium text-zinc-900">
            Target (the column to predict)
          </label>
          <select id={`${id}-target`} className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm" value={meta.target ?? ''} onChange={(e) => void update({ target: e.target.value || null })}>
            <option value="">(none)</option>
            {meta.columns.map((c) => (
              <option key={c.name} value={c.name} disabled={targetProblem(c) !== null}>
                {c.name} ({c.type}{targetProblem(c) ? ', cannot be a target' : `, ${c.distinct} classes`})
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-zinc-600">
            Rows without a target value are dropped.{textColumns.length > 0 && ` Text columns are not used as features: ${textColumns.join(', ')}.`}
          </p>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-zinc-900">Missing feature values</legend>
          {MISSING_CHOICES.map((choice) => (
            <label key={choice.value} className="mt-1 flex items-start gap-2 text-sm text-zinc-700">
              <input type="radio" name={`${id}-missing`} className="mt-1" checked={meta.missing === choice.value} onChange={() => void update({ missing: choice.value })} />
              {choice.label}
            </label>
          ))}
        </fieldset>
      </div>
      {problem && (
        <p role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
    </Card>
  );
}
