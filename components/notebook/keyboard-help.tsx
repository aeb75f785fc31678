'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';

/** The notebook's keys, as in Jupyter (and VS Code's Ctrl+M); README's Keyboard section says the same. */
const SHORTCUTS: Array<{ mode: string; keys: Array<[string, string]> }> = [
  {
    mode: 'In a cell’s editor',
    keys: [
      ['Shift+Enter', 'run the cell and move to the next (a new one after the last)'],
      ['Ctrl/Cmd+Enter', 'run the cell and stay'],
      ['Esc', 'leave the editor (command mode)'],
      ['Ctrl+M', 'toggle “Tab moves focus”: Tab then leaves the editor instead of indenting (Ctrl+Shift+M on macOS)'],
    ],
  },
  {
    mode: 'Command mode (a cell selected, not editing)',
    keys: [
      ['Enter', 'edit the cell'],
      ['J / K or ↓ / ↑', 'select the next / previous cell'],
      ['A / B', 'add a cell above / below'],
      ['M / Y', 'make the cell markdown / code'],
      ['D D', 'delete the cell'],
      ['Z', 'undo the last cell deletion (the last 20)'],
      ['H', 'show these shortcuts'],
    ],
  },
];

/** The keyboard shortcuts, in a native modal <dialog> (focus trap and Esc come with it). */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="keyboard-help-title"
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg border border-zinc-200 bg-white p-0 shadow-xl backdrop:bg-zinc-900/30"
    >
      <div className="max-h-[80vh] overflow-y-auto p-5">
        <h2 id="keyboard-help-title" className="text-base font-semibold text-zinc-900">Keyboard shortcuts</h2>
        {SHORTCUTS.map((group) => (
          <section key={group.mode} className="mt-4">
            <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase">{group.mode}</h3>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
              {group.keys.map(([key, what]) => (
                <div key={key} className="contents">
                  <dt><kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-xs whitespace-nowrap text-zinc-800">{key}</kbd></dt>
                  <dd className="text-zinc-700">{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="flex justify-end border-t border-zinc-100 bg-zinc-50 px-5 py-3">
        <Button onClick={onClose} autoFocus>Close</Button>
      </div>
    </dialog>
  );
}
