'use client';

import { useEffect, useState } from 'react';

/** How long the toast stays up unless the pointer or focus is on it; `z` works after that too. */
const VISIBLE_MS = 10_000;

/**
 * "Cell deleted · Undo", shown after each deletion (`deletion` counts them). It is a polite live
 * region, so a screen reader hears it without losing its place, and the Undo button is in the tab
 * order while it shows. It stays while hovered or focused, so nobody has to race it.
 */
export function UndoDeleteToast({ deletion, canUndo, onUndo }: { deletion: number; canUndo: boolean; onUndo: () => void }) {
  /** The deletion whose toast was closed (timed out or used); a later deletion shows it again. */
  const [dismissed, setDismissed] = useState(0);
  const [held, setHeld] = useState(false);
  const visible = deletion > dismissed && canUndo;
  useEffect(() => {
    if (!visible || held) return;
    const timer = setTimeout(() => setDismissed(deletion), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [visible, held, deletion]);

  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {visible && (
        <div
          data-testid="undo-delete-toast"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={() => setHeld(false)}
          className="pointer-events-auto flex max-w-full items-center gap-3 rounded-lg bg-zinc-900 py-2 pr-2 pl-4 text-sm text-white shadow-lg"
        >
          <span>Cell deleted</span>
          <span aria-hidden className="text-zinc-300">·</span>
          <button
            type="button"
            onClick={() => {
              setDismissed(deletion);
              setHeld(false);
              onUndo();
            }}
            className="rounded-md px-2 py-1 font-medium text-accent-200 underline-offset-2 hover:bg-white/10 hover:underline focus-visible:outline-accent-300"
          >
            Undo
          </button>
          <kbd className="hidden rounded border border-zinc-600 px-1 text-[11px] text-zinc-300 sm:inline">Z</kbd>
        </div>
      )}
    </div>
  );
}
