'use client';

import { useEffect, useMemo, useRef } from 'react';
import { columnPinningFeature, columnSizingFeature, rowSelectionFeature, tableFeatures, useTable, type ColumnDef, type RowSelectionState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SortIcon } from '@/components/ui/icons';
import { columnLabel, isSortable, parseColumn, type ColumnSpec } from '@/lib/runs/run-columns';
import { nextSort, parseSort } from '@/lib/runs/run-view';
import type { RunRow } from '@/lib/track/run-query';
import type { RunOrigin } from '@/lib/track/sync-merge';
import { columnWidth, isNumericColumn, RunCell } from './run-cells';

const features = tableFeatures({ columnPinningFeature, columnSizingFeature, rowSelectionFeature });
type Features = typeof features;

/** Row height in px (one line of text): the virtualizer places rows without measuring them. */
const ROW_PX = 37;
/** Rows rendered beyond the visible ones, so a fast scroll does not show blank rows. */
const OVERSCAN = 12;
/** Start loading the next page this many rows before the end. */
const PREFETCH_ROWS = 40;

export interface RunsGridProps {
  caption: string;
  rows: RunRow[];
  /** Column ids (lib/runs/run-columns.ts); unknown ids are skipped. */
  columns: string[];
  sort: string;
  onSort: (sort: string) => void;
  origins: ReadonlyMap<string, RunOrigin>;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
  /** Rows matching in all (for screen readers' row count), when known. */
  total: number | null;
  hasMore: boolean;
  fetchMore: () => void;
  /** Height of the scrolling area in px. */
  heightPx?: number;
}

/**
 * The runs table: TanStack Table for columns, pinning and selection; TanStack Virtual renders
 * only the rows in view (≈ 30 of 10,000), so a sort or a filter repaints in one frame. Sorting
 * is the server's (a header click changes the view's sort); the table never sorts rows itself.
 */
export function RunsGrid(props: RunsGridProps) {
  const { rows, sort, onSort, origins, selection, onSelectionChange, hasMore, fetchMore } = props;
  const specs = useMemo(() => props.columns.map(parseColumn).filter((s): s is ColumnSpec => s !== null), [props.columns]);
  const columns = useMemo<ColumnDef<Features, RunRow>[]>(
    () => [
      {
        id: 'select',
        size: 40,
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label="Select all loaded runs"
            checked={table.getIsAllRowsSelected()}
            ref={(el) => {
              if (el) el.indeterminate = table.getIsSomeRowsSelected();
            }}
            onChange={table.getToggleAllRowsSelectedHandler()}
            className="accent-accent-600"
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select run ${row.original.name || row.original.id}`}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
            className="accent-accent-600"
          />
        ),
      },
      ...specs.map(
        (spec): ColumnDef<Features, RunRow> => ({
          id: spec.id,
          size: columnWidth(spec),
          header: () => columnLabel(spec),
          cell: ({ row }) => <RunCell row={row.original} spec={spec} origin={origins.get(row.original.id)} />,
        }),
      ),
    ],
    [specs, origins],
  );
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { rowSelection: selection, columnPinning: { start: ['select', 'name'], end: [] } },
    onRowSelectionChange: (updater) => onSelectionChange(typeof updater === 'function' ? updater(selection) : updater),
  });

  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    getItemKey: (index) => tableRows[index].id,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastIndex >= tableRows.length - PREFETCH_ROWS) fetchMore();
  }, [hasMore, lastIndex, tableRows.length, fetchMore]);

  const current = parseSort(sort);
  const widthPx = table.getTotalSize();
  // Pinned columns (selection, name) stay in view while the others scroll sideways.
  const stickyStyle = (pinned: false | 'start' | 'end', start: number) => (pinned === 'start' ? { position: 'sticky' as const, left: start, zIndex: 1 } : undefined);

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={`${props.caption}: scroll to see more`}
      data-testid="runs-grid"
      className="overflow-auto rounded-lg border border-zinc-200 bg-white focus:outline-2 focus:outline-accent-500"
      style={{ height: props.heightPx ?? 'min(70vh, 720px)' }}
    >
      <table className="text-left text-sm" style={{ display: 'grid', width: widthPx }} aria-rowcount={props.total === null ? undefined : props.total + 1}>
        <caption className="sr-only">{props.caption}</caption>
        <thead className="sticky top-0 z-10 border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-500" style={{ display: 'grid' }}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} style={{ display: 'flex', width: '100%' }} aria-rowindex={1}>
              {group.headers.map((header) => {
                const spec = parseColumn(header.column.id);
                const direction = spec && current.field === spec.id ? (current.descending ? 'descending' : 'ascending') : 'none';
                const sortable = spec !== null && isSortable(spec);
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sortable ? direction : undefined}
                    className={`flex items-center bg-zinc-50 px-3 py-2 font-medium whitespace-nowrap ${spec && isNumericColumn(spec) ? 'justify-end' : ''}`}
                    style={{ width: header.getSize(), ...stickyStyle(header.column.getIsPinned(), header.column.getStart('start')) }}
                  >
                    {sortable && spec ? (
                      <button
                        type="button"
                        onClick={() => onSort(nextSort(sort, spec.id))}
                        title={spec.id}
                        className={`inline-flex min-w-0 items-center gap-1 hover:text-zinc-900 ${spec.kind === 'base' ? '' : 'font-mono'}`}
                      >
                        <span className="truncate">{columnLabel(spec)}</span>
                        <SortIcon direction={direction} />
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody style={{ display: 'grid', height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = tableRows[item.index];
            const selected = row.getIsSelected();
            return (
              <tr
                key={row.id}
                data-run-id={row.id}
                aria-rowindex={item.index + 2}
                className={`absolute flex w-full border-b border-zinc-100 ${selected ? 'bg-accent-50' : 'bg-white hover:bg-zinc-50'}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_PX }}
              >
                {row.getAllCells().map((cell) => {
                  const spec = parseColumn(cell.column.id);
                  return (
                    <td
                      key={cell.id}
                      className={`flex items-center overflow-hidden px-3 whitespace-nowrap ${spec && isNumericColumn(spec) ? 'justify-end' : ''} ${cell.column.getIsPinned() ? (selected ? 'bg-accent-50' : 'bg-white') : ''}`}
                      style={{ width: cell.column.getSize(), ...stickyStyle(cell.column.getIsPinned(), cell.column.getStart('start')) }}
                    >
                      <table.FlexRender cell={cell} />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
