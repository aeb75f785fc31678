'use client';

import { useState, type DragEvent } from 'react';

/**
 * A drop area's drag handling: `over` while something is dragged over it (for the highlight),
 * and the handlers to spread on the element; `onDrop` gets what was dropped.
 */
export function useDropTarget(onDrop: (data: DataTransfer) => void): {
  over: boolean;
  handlers: { onDragOver: (e: DragEvent) => void; onDragLeave: () => void; onDrop: (e: DragEvent) => void };
} {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (e) => {
        // Without preventDefault the browser opens the file instead of dropping it here.
        e.preventDefault();
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e) => {
        e.preventDefault();
        setOver(false);
        onDrop(e.dataTransfer);
      },
    },
  };
}

/** The dashed frame of a drop area, highlighted while a drag is over it. */
export const dropFrameClass = (over: boolean) => `rounded-lg border-2 border-dashed text-center transition-colors ${over ? 'border-accent-500 bg-accent-50' : 'border-zinc-300 bg-white'}`;

/** A file picker's label, drawn as a button (the input itself is visually hidden). */
export const pickerLabelClass = 'inline-flex cursor-pointer items-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-medium text-zinc-800 shadow-sm hover:bg-zinc-50';
