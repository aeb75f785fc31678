import type { TableMeta } from '@/lib/data/dataset-db';

const TYPE_STYLE = { numeric: 'bg-sky-50 text-sky-800', categorical: 'bg-violet-50 text-violet-800', text: 'bg-zinc-100 text-zinc-700' } as const;

/** Column names with their inferred type and missing count, over the first rows of the file. */
export function TablePreview({ meta }: { meta: TableMeta }) {
  return (
    <div className="overflow-x-auto rounded-md border border-zinc-200" role="region" aria-label={`Preview of ${meta.name}`} tabIndex={0}>
      <table className="min-w-full text-left text-xs">
        <caption className="sr-only">First {meta.preview.length} rows of {meta.name}, with each column&apos;s type and missing cells</caption>
        <thead className="bg-zinc-50">
          <tr>
            {meta.columns.map((c) => (
              <th key={c.name} scope="col" className="px-2 py-1.5 align-top font-medium whitespace-nowrap text-zinc-900">
                {c.name}
                <span className="mt-0.5 block font-normal">
                  <span className={`rounded px-1 ${TYPE_STYLE[c.type]}`}>{c.type}</span>
                  {c.missing > 0 && ' '}
                  {c.missing > 0 && <span className="text-amber-800">{c.missing.toLocaleString('en-US')} missing</span>}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {meta.preview.map((row, r) => (
            <tr key={r} className="border-t border-zinc-100">
              {row.map((cell, c) => (
                <td key={c} className="max-w-48 truncate px-2 py-1 whitespace-nowrap text-zinc-700">
                  {cell === '' ? <span className="text-zinc-500 italic">empty</span> : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
