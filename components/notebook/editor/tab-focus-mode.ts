'use client';

import { useSyncExternalStore } from 'react';

/**
 * "Tab moves focus" (VS Code's Ctrl+M): one switch for every cell editor on the page. Monaco's
 * own toggle flips a hidden global that no API reports, so the notebook keeps the switch here,
 * binds Ctrl+M itself, and each editor applies it as its `tabFocusMode` option.
 */
let on = false;
const listeners = new Set<() => void>();

export const tabFocusMode = {
  get: () => on,
  toggle() {
    on = !on;
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** VS Code's keys: Ctrl+M, and Ctrl+Shift+M on macOS (where Cmd+M minimizes the window). */
export function tabFocusKeys(): string {
  return typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? 'Ctrl+Shift+M' : 'Ctrl+M';
}

export function useTabFocusMode(): boolean {
  return useSyncExternalStore(tabFocusMode.subscribe, tabFocusMode.get, () => false);
}
