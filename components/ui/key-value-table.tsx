import type { ReactNode } from 'react';

/** Two-column table of names and values (config, environment). */
export function KeyValueTable({ rows, caption, empty = 'Nothing recorded' }: { rows: [string, ReactNode][]; caption: string; empty?: string }) {
  if (rows.length === 0) return <p className="text-zinc-500">{empty}</p>;
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <tbody className="divide-y divide-zinc-100">
          {rows.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" className="w-1/3 bg-zinc-50/60 px-3 py-1.5 text-left font-mono text-xs font-medium text-zinc-600">
                {key}
              </th>
              <td className="px-3 py-1.5 font-mono text-xs break-all text-zinc-900">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
