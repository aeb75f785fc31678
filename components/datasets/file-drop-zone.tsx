'use client';

import { useId, type ReactNode } from 'react';
import { UploadIcon } from '@/components/ui/icons';
import { dropFrameClass, pickerLabelClass, useDropTarget } from '@/components/ui/use-drop-target';
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
  const { over, handlers } = useDropTarget((data) => {
    if (!disabled) void droppedFiles(data).then(onFiles);
  });
  return (
    <div {...handlers} className={`px-4 py-6 ${dropFrameClass(over)}`}>
      <p className="text-zinc-600">{prompt}</p>
      <div className="mt-2 flex flex-wrap items-center justify-center gap-2">
        {pickers.map((picker, i) => (
          <span key={picker.label}>
            <label htmlFor={`${id}-${i}`} className={`${pickerLabelClass} ${disabled ? 'pointer-events-none opacity-50' : ''}`}>
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
