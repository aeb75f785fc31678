'use client';

import { tabFocusKeys, useTabFocusMode } from './tab-focus-mode';

/**
 * Shown while "Tab moves focus" is on, so a keyboard user knows why Tab leaves editors. The live
 * region is always mounted, so a screen reader hears it when the mode turns on.
 */
export function TabFocusIndicator() {
  const on = useTabFocusMode();
  return (
    <span role="status" className="contents">
      {on ? (
        <span data-testid="tab-focus-indicator" className="inline-flex items-center gap-1.5 rounded-full border border-accent-200 bg-accent-50 px-2 py-0.5 text-xs font-medium text-accent-800">
          Tab moves focus
          <kbd className="rounded border border-accent-200 bg-white px-1 text-[11px] font-normal">{tabFocusKeys()}</kbd>
        </span>
      ) : null}
    </span>
  );
}
