import { formatMetric } from '@/components/ui/format';

const MAX_ROWS = 200;

export function OutputTable({ columns, rows }: { columns: string[]; rows: (string | number | null)[][] }) {
  const shown = rows.slice(0, MAX_ROWS);
  return (
    <div className="max-h-80 w-fit max-w-full overflow-auto rounded-md border border-zinc-200 bg-white">
      <table className="text-xs">
        <thead className="sticky top-0 bg-zinc-50 text-zinc-600">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="border-b border-zinc-200 px-2 py-1 text-left font-mono font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 font-mono">
          {shown.map((row, i) => (
            <tr key={i}>
              {row.map((v, j) => (
                <td key={j} className={`px-2 py-1 whitespace-nowrap ${typeof v === 'number' ? 'text-right tabular-nums' : ''}`}>
                  {v === null ? <span className="text-zinc-500">—</span> : typeof v === 'number' ? formatMetric(v) : v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS && <p className="border-t border-zinc-100 px-2 py-1 text-xs text-zinc-500">{rows.length - MAX_ROWS} more rows not shown</p>}
    </div>
  );
}
