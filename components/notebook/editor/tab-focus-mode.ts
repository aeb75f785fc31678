'use client';

import { useSyncExternalStore } from 'react';

/**
 * Monaco's "Tab moves focus" mode (VS Code's Ctrl+M, `editor.action.toggleTabFocusMode`) is one
 * switch for every editor on the page. Editors report it here so the notebook can show it.
 */
let on = false;
/** How each mounted editor flips the mode; any live one will do, since the mode is global. */
const toggles = new Set<() => void>();
const listeners = new Set<() => void>();

export const tabFocusMode = {
  /** Called by editors when Monaco's option changes (every editor reports the same value). */
  report(value: boolean) {
    if (value === on) return;
    on = value;
    listeners.forEach((l) => l());
  },
  /** A mounted editor registers how to flip the mode; call the result when it is disposed. */
  addToggle(fn: () => void): () => void {
    toggles.add(fn);
    return () => toggles.delete(fn);
  },
  /** Flips the mode through a live editor; false when no editor is mounted. */
  toggle(): boolean {
    const [first] = toggles;
    first?.();
    return first !== undefined;
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: () => on,
};

export function useTabFocusMode(): boolean {
  return useSyncExternalStore(tabFocusMode.subscribe, tabFocusMode.get, () => false);
}
