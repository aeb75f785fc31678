'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { PlayIcon } from '@/components/ui/icons';
import type { Dim } from '@/lib/onnx/infer/input-kind';
import { exampleJson, parseJsonTensor, type ParsedTensor } from '@/lib/onnx/infer/json-tensor';

/** A JSON tensor for inputs no widget fits: one sample of the model's input shape, or a batch. */
export function TensorInput({ name, sampleDims, onTensor }: { name: string; sampleDims: readonly Dim[]; onTensor: (t: ParsedTensor) => void }) {
  const id = useId();
  const [text, setText] = useState(() => exampleJson(sampleDims));
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    try {
      onTensor(parseJsonTensor(text, sampleDims));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-xs text-zinc-600">
        <span className="font-mono">{name}</span>: one sample of shape <span className="font-mono">[{sampleDims.join(', ')}]</span> or a batch
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        rows={6}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        className="w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs"
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
      <Button size="sm" variant="primary" icon={<PlayIcon />} onClick={submit}>
        Run
      </Button>
    </div>
  );
}
