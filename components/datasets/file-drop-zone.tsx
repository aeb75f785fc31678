'use client';

import { useId, useState, type ReactNode } from 'react';
import { UploadIcon } from '@/components/ui/icons';
import { droppedFiles, pickedFiles, type PickedFile } from './dropped-files';

export interface PickerButton {
  label: string;
  accept?: string;
  /** Picks a whole folder (webkitdirectory): each file keeps its path inside it. */
  directory?: boolean;
}

/** A dashed drop area with one or more pickers; hands back files with their paths. */
export function FileDropZone({ prompt, pickers, onFiles, disabled, children }: { prompt: string; pickers: PickerButton[]; onFiles: (files: PickedFile[]) => void; disabled?: boolean; children?: ReactNode }) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) void droppedFiles(e.dataTransfer).then(onFiles);
      }}
      className={`rounded-lg border-2 border-dashed px-4 py-6 text-center transition-colors ${over ? 'border-accent-500 bg-accent-50' : 'border-zinc-300 bg-white'}`}
    >
      <p className="text-zinc-600">{prompt}</p>
      <div className="mt-2 flex flex-wrap items-center justify-center gap-2">
        {pickers.map((picker, i) => (
          <span key={picker.label}>
            <label htmlFor={`${id}-${i}`} className={`inline-flex cursor-pointer items-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-medium text-zinc-800 shadow-sm hover:bg-zinc-50 ${disabled ? 'pointer-events-none opacity-50' : ''}`}>
              <UploadIcon />
              {picker.label}
            </label>
            <input
              id={`${id}-${i}`}
              type="file"
              className="sr-only"
              disabled={disabled}
              accept={picker.accept}
              multiple={picker.directory ? undefined : true}
              {...(picker.directory ? { webkitdirectory: '' } : {})}
              onChange={(e) => {
                onFiles(pickedFiles(e.target.files));
                e.target.value = '';
              }}
            />
          </span>
        ))}
        {children}
      </div>
    </div>
  );
}
