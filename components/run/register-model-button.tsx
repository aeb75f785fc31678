'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { onArtifactsChanged } from '@/lib/runs/artifact-events';
import { modelNameProblem, type ModelVersionWire } from '@/lib/registry/api';
import { isOnnxArtifact, registerRunModel } from '@/lib/serving/register-run-model';
import { getRunStore } from '@/lib/track/tab-stores';
import { connectionOf } from '@/lib/track/sync-settings';
import type { Run } from '@/lib/track/schemas';

/** The run's newest exported ONNX file's name, re-read when an export adds one; null when none. */
function useLatestOnnx(runId: string): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const read = () =>
      getRunStore()
        .then((store) => store.listArtifacts(runId))
        .then((list) => current && setName(list.filter(isOnnxArtifact).sort((a, b) => a.createdAt - b.createdAt).at(-1)?.name ?? null))
        .catch(() => undefined);
    void read();
    const off = onArtifactsChanged(runId, () => void read());
    return () => {
      current = false;
      off();
    };
  }, [runId]);
  return name;
}

/** Registers the run's exported ONNX file as the next version of a model (beside Export ONNX). */
export function RegisterModelButton({ run }: { run: Run }) {
  const settings = useSyncSettings();
  const onnxName = useLatestOnnx(run.id);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(run.name.replace(/\//g, '-').trim() || 'model');
  const [state, setState] = useState<{ busy: boolean; error: string | null; version: ModelVersionWire | null }>({ busy: false, error: null, version: null });
  const problem = modelNameProblem(name);
  if (!onnxName) return null;
  const register = async () => {
    setState({ busy: true, error: null, version: null });
    try {
      const version = await registerRunModel({ conn: connectionOf(settings), store: await getRunStore(), runId: run.id, name });
      setState({ busy: false, error: null, version });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e), version: null });
    }
  };
  return (
    <div className="relative">
      <Button onClick={() => setOpen((o) => !o)} aria-expanded={open}>Register model</Button>
      {open && (
        <div className="absolute right-0 z-20 mt-2 w-80 space-y-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-lg" role="dialog" aria-label="Register model">
          <p className="text-xs text-zinc-600">Registers <span className="font-mono">{onnxName}</span> as the next version of a model on the sync server.</p>
          <label className="flex flex-col gap-1 text-xs text-zinc-600">
            Model name
            <input value={name} onChange={(e) => setName(e.target.value)} className="rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900" aria-invalid={problem !== null} />
          </label>
          <Button variant="primary" disabled={state.busy || problem !== null} onClick={() => void register()}>{state.busy ? 'Registering…' : 'Register'}</Button>
          <p role="status" className="text-xs">
            {problem ?? state.error ?? (state.version && (
              <>
                Registered as{' '}
                <Link href={`/models/${encodeURIComponent(state.version.name)}`} className="text-accent-700 hover:underline">{`${state.version.name} v${state.version.version}`}</Link>
              </>
            ))}
          </p>
        </div>
      )}
    </div>
  );
}
