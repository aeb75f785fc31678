'use client';

import { useId, useState } from 'react';
import { UploadIcon } from '@/components/ui/icons';
import { dropFrameClass, pickerLabelClass, useDropTarget } from '@/components/ui/use-drop-target';

/** Drop an .onnx file here or pick one; hands back its name and bytes. */
export function ModelDropZone({ onFile, compact = false }: { onFile: (file: { name: string; bytes: Uint8Array }) => void; compact?: boolean }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const accept = async (file: File | undefined) => {
    if (!file) return;
    if (!file.name.toLowerCase().endsWith('.onnx')) {
      setError(`${file.name} is not an .onnx file`);
      return;
    }
    setError(null);
    onFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };
  const { over, handlers } = useDropTarget((data) => void accept(data.files[0]));
  return (
    <div {...handlers} className={`px-6 ${compact ? 'flex items-center justify-center gap-3 py-3' : 'py-8'} ${dropFrameClass(over)}`}>
      <p className="text-zinc-600">{compact ? 'Drop another ONNX model here, or' : 'Drop an ONNX model here, or'}</p>
      <label htmlFor={id} className={`${compact ? '' : 'mt-2'} ${pickerLabelClass}`}>
        <UploadIcon />
        Choose a file
      </label>
      <input id={id} type="file" accept=".onnx" className="sr-only" onChange={(e) => void accept(e.target.files?.[0])} />
      {error && (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
