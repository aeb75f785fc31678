'use client';

import { useId, useState } from 'react';
import { UploadIcon } from '@/components/ui/icons';

/** Drop an .onnx file here or pick one; hands back its name and bytes. */
export function ModelDropZone({ onFile, compact = false }: { onFile: (file: { name: string; bytes: Uint8Array }) => void; compact?: boolean }) {
  const id = useId();
  const [over, setOver] = useState(false);
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
        void accept(e.dataTransfer.files[0]);
      }}
      className={`rounded-lg border-2 border-dashed px-6 text-center transition-colors ${compact ? 'flex items-center justify-center gap-3 py-3' : 'py-8'} ${over ? 'border-accent-500 bg-accent-50' : 'border-zinc-300 bg-white'}`}
    >
      <p className="text-zinc-600">{compact ? 'Drop another ONNX model here, or' : 'Drop an ONNX model here, or'}</p>
      <label htmlFor={id} className={`${compact ? '' : 'mt-2'} inline-flex cursor-pointer items-center gap-2 rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-medium text-zinc-800 shadow-sm hover:bg-zinc-50`}>
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
