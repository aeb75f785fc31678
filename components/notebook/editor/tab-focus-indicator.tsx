'use client';

import { useTabFocusMode } from './tab-focus-mode';

/** Shown while Ctrl+M's "Tab moves focus" is on, so a keyboard user knows why Tab leaves editors. */
export function TabFocusIndicator() {
  const on = useTabFocusMode();
  if (!on) return null;
  return (
    <span data-testid="tab-focus-indicator" className="inline-flex items-center gap-1.5 rounded-full border border-accent-200 bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-800">
      Tab moves focus
      <kbd className="rounded border border-accent-200 bg-white px-1 text-[11px] font-normal">Ctrl+M</kbd>
    </span>
  );
}
