'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { parseRunFilter } from '@/lib/track/run-filter';
import { SearchField } from '@/components/ui/search-field';

/** Typing settles this long before the table asks the server (one request per pause, not per key). */
const SETTLE_MS = 60;

/**
 * The filter language box (`params.lr < 0.01 and tags.baseline`). Each keystroke is parsed here
 * with the server's own parser: a filter that does not parse never leaves the browser, and its
 * error is shown under the box with the offending token marked.
 */
export function FilterBox({ value, onChange }: { value: string; onChange: (filter: string) => void }) {
  const [text, setText] = useState(value);
  const errorId = useId();
  const parsed = useMemo(() => parseRunFilter(text), [text]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastSent = useRef(value);

  // A view changed elsewhere (back button, a shared link) replaces what is typed.
  useEffect(() => {
    if (value !== lastSent.current) {
      lastSent.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const edit = (next: string) => {
    setText(next);
    clearTimeout(timer.current);
    if (!parseRunFilter(next).ok) return;
    timer.current = setTimeout(() => {
      lastSent.current = next;
      onChange(next);
    }, SETTLE_MS);
  };

  const error = parsed.ok ? null : parsed.error;
  return (
    <div className="w-full max-w-2xl">
      <SearchField
        label="Filter runs"
        value={text}
        onChange={(e) => edit(e.target.value)}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        placeholder="params.lr < 0.01 and metrics.val/accuracy > 0.9 and tags.baseline"
        className={`h-9 w-full rounded-md border bg-white px-3 font-mono text-sm shadow-xs placeholder:text-zinc-500 focus:outline-none ${error ? 'border-red-500 focus:border-red-600' : 'border-zinc-300 focus:border-accent-500'}`}
      />
      {error && (
        <div id={errorId} role="alert" data-testid="filter-error" className="mt-1 text-xs text-red-700">
          <p>{error.message}</p>
          <p className="mt-0.5 font-mono whitespace-pre text-zinc-700" data-offset={error.offset} data-length={error.length}>
            {text.slice(0, error.offset)}
            <mark className="rounded-sm bg-red-100 text-red-800 underline decoration-wavy">{text.slice(error.offset, error.offset + error.length) || ' '}</mark>
            {text.slice(error.offset + error.length)}
          </p>
        </div>
      )}
    </div>
  );
}
