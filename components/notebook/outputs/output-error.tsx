import { isKernelErrorName, type CellError } from '@/lib/kernel/protocol';

/** "line 3, column 7" — positions are in the cell's own lines, as the kernel reports them. */
export function errorPosition(error: CellError): string | null {
  if (error.line == null) return null;
  return error.column == null ? `line ${error.line}` : `line ${error.line}, column ${error.column}`;
}

export function OutputError({ error }: { error: CellError }) {
  const notice = isKernelErrorName(error.name);
  const position = errorPosition(error);
  return (
    <div role={notice ? 'status' : 'alert'} className={`rounded-md border px-3 py-2 font-mono text-xs ${notice ? 'border-amber-200 bg-amber-50 text-amber-900' : 'border-red-200 bg-red-50 text-red-800'}`}>
      <p className="whitespace-pre-wrap">
        <span className="font-semibold">{error.name}</span>: {error.message}
      </p>
      {position && <p className="mt-1 font-sans text-[11px] font-medium opacity-80">at {position} of this cell</p>}
      {error.stack && !notice && (
        <details className="mt-1">
          <summary className="cursor-pointer font-sans text-[11px] opacity-70">Stack trace</summary>
          <pre tabIndex={0} className="mt-1 overflow-x-auto whitespace-pre text-[11px] opacity-80">{error.stack}</pre>
        </details>
      )}
    </div>
  );
}
