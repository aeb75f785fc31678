'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { usePolled } from '@/components/models/use-polled';
import { modelsApi } from '@/lib/serving/client';
import type { ServerConnection } from '@/lib/track/sync-api-client';

export type RunTarget = 'browser' | 'server';

export interface RegistryChoice {
  name: string;
  version: number;
  target: RunTarget;
  runId: string;
  artifactId: string;
}

/** Picks a registered ONNX version and where it runs: in this browser (onnxruntime-web) or on the server (predict). */
export function RegistryPicker({ conn, onPick }: { conn: ServerConnection; onPick: (choice: RegistryChoice) => void }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [target, setTarget] = useState<RunTarget>('browser');
  const key = `${conn.baseUrl}|${conn.token ?? ''}`;
  const models = usePolled(() => modelsApi.list(conn), key, 0);
  const detail = usePolled(() => (name ? modelsApi.get(conn, name) : Promise.resolve(null)), `${key}|${name}`, 0);
  const onnx = detail.data?.versions.filter((v) => v.format === 'onnx' && v.artifact) ?? [];
  const picked = onnx.find((v) => String(v.version) === version) ?? onnx[0];
  if (models.error) return <p className="text-xs text-zinc-500">Registered models are not available: {models.error}</p>;
  if (!models.data || models.data.models.length === 0) return null;
  return (
    <form
      className="flex flex-wrap items-end gap-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm"
      aria-label="Run a registered model"
      onSubmit={(e) => {
        e.preventDefault();
        if (picked?.artifact) onPick({ name, version: picked.version, target, ...picked.artifact });
      }}
    >
      <label className="flex flex-col gap-1 text-xs text-zinc-600">
        Registered model
        <select value={name} onChange={(e) => (setName(e.target.value), setVersion(''))} className="rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900">
          <option value="">Choose…</option>
          {models.data.models.map((m) => (
            <option key={m.name} value={m.name}>{m.name}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-zinc-600">
        Version
        <select value={picked ? String(picked.version) : ''} onChange={(e) => setVersion(e.target.value)} className="rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900" disabled={onnx.length === 0}>
          {onnx.map((v) => (
            <option key={v.version} value={v.version}>{`v${v.version}${v.aliases.length ? ` (${v.aliases.join(', ')})` : ''}`}</option>
          ))}
        </select>
      </label>
      <fieldset className="flex items-center gap-3 text-xs text-zinc-700">
        <legend className="sr-only">Run it</legend>
        {(['browser', 'server'] as const).map((t) => (
          <label key={t} className="flex items-center gap-1">
            <input type="radio" name="run-target" value={t} checked={target === t} onChange={() => setTarget(t)} />
            {t === 'browser' ? 'in this browser' : 'on the server'}
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="primary" disabled={!picked}>Open</Button>
    </form>
  );
}
