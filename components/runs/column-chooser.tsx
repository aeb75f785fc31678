'use client';

import { useMemo, useState, type ReactNode } from 'react';
import { BASE_COLUMNS, columnLabel, METRIC_STATS, metricColumn, paramColumn, parseColumn, tagColumn } from '@/lib/runs/run-columns';
import { compareKeysNaturally, groupColumnKeys } from '@/lib/runs/column-groups';
import type { RunColumns } from '@/lib/track/run-query';
import { SearchField } from '@/components/ui/search-field';
import { ColumnKeyGroups } from './column-key-groups';

function Check({ id, label, checked, onToggle, mono }: { id: string; label: string; checked: boolean; onToggle: (id: string) => void; mono?: boolean }) {
  return (
    <label className={`flex items-center gap-2 rounded px-1 py-0.5 hover:bg-zinc-50 ${mono ? 'font-mono text-xs' : ''}`}>
      <input type="checkbox" checked={checked} onChange={() => onToggle(id)} className="accent-accent-600" />
      <span className="truncate" title={id}>{label}</span>
    </label>
  );
}

/**
 * Every column the server knows (params, summary metrics as last/min/max, tags) and the run's
 * own, as checkboxes, keys grouped by prefix (`val/…`, `optimizer.…`; `watch/…` folded: see
 * lib/runs/column-groups.ts). A native <details> disclosure: keyboard and screen readers work unaided.
 */
export function ColumnChooser({ available, columns, onChange }: { available: RunColumns | undefined; columns: string[]; onChange: (columns: string[]) => void }) {
  const [search, setSearch] = useState('');
  const chosen = useMemo(() => new Set(columns), [columns]);
  const toggle = (id: string) => onChange(chosen.has(id) ? columns.filter((c) => c !== id) : [...columns, id]);
  const match = (key: string) => key.toLowerCase().includes(search.trim().toLowerCase());
  const params = (available?.params ?? []).filter(match).sort(compareKeysNaturally);
  const metrics = (available?.metrics ?? []).filter(match).sort(compareKeysNaturally);
  const tags = (available?.tags ?? []).filter(match).sort(compareKeysNaturally);

  const searching = search.trim() !== '';
  // Nested config leaves are dotted (`optimizer.lr`); metric and tag names use `/` (`val/acc`, `watch/w/…`).
  const section = (title: string, keys: string[], render: (key: string) => ReactNode, separator?: string) => (
    <fieldset className="min-w-0">
      <legend className="mb-1 text-xs font-semibold text-zinc-500">
        {title} ({keys.length})
      </legend>
      <ColumnKeyGroups groups={separator ? groupColumnKeys(keys, separator) : [{ prefix: null, keys, collapsed: false }]} render={render} searching={searching} />
    </fieldset>
  );

  const paramCheck = (key: string) => <Check key={key} id={paramColumn(key)} label={key} checked={chosen.has(paramColumn(key))} onToggle={toggle} mono />;
  const tagCheck = (key: string) => <Check key={key} id={tagColumn(key)} label={key} checked={chosen.has(tagColumn(key))} onToggle={toggle} mono />;
  const metricChecks = (key: string) => (
    <div key={key} className="flex items-center gap-2 px-1 py-0.5 font-mono text-xs" role="group" aria-label={`Metric ${key}`}>
      <span className="min-w-0 flex-1 truncate" title={key}>
        {key}
      </span>
      {METRIC_STATS.map((stat) => (
        <label key={stat} className="flex items-center gap-1">
          <input type="checkbox" checked={chosen.has(metricColumn(key, stat))} onChange={() => toggle(metricColumn(key, stat))} aria-label={`${key} ${stat}`} className="accent-accent-600" />
          {stat}
        </label>
      ))}
    </div>
  );

  return (
    <details className="relative" data-testid="column-chooser">
      <summary className="flex h-9 cursor-pointer list-none items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium text-zinc-700 shadow-xs hover:bg-zinc-50">
        Columns ({columns.length})
      </summary>
      <div className="absolute right-0 z-20 mt-1 max-h-[60vh] w-[min(90vw,640px)] overflow-auto rounded-lg border border-zinc-200 bg-white p-3 shadow-lg">
        <SearchField
          label="Search columns"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search params, metrics, tags"
          className="mb-3 h-8 w-full rounded-md border border-zinc-300 px-2 text-sm focus:border-accent-500 focus:outline-none"
        />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {section('Run', BASE_COLUMNS.filter((c) => c !== 'name' && match(c)), (id) => {
            const spec = parseColumn(id)!;
            return <Check key={id} id={id} label={columnLabel(spec)} checked={chosen.has(id)} onToggle={toggle} />;
          })}
          {section('Params', params, paramCheck, '.')}
          {section('Metrics', metrics, metricChecks, '/')}
          {section('Tags', tags, tagCheck, '/')}
        </div>
      </div>
    </details>
  );
}
