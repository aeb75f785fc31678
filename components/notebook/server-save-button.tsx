'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { readCopyVersion, writeCopyVersion } from '@/lib/classroom/class-copy';
import { workspaceNotebooks } from '@/lib/classroom/workspace-notebooks';
import { ApiError } from '@/lib/track/sync-api-client';
import { serializeNotebook } from '@/lib/notebook/format';
import type { NotebookDoc } from '@/lib/notebook/notebook';

type State = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; version: number } | { kind: 'conflict' } | { kind: 'error'; message: string };

/**
 * "Save to server": the notebook (code and markdown; outputs stay here) goes to the workspace's
 * server under the same id, so `/notebooks/<id>` opens in any browser of the workspace (the page
 * fetches it when this browser lacks it). Each save names the server version it started from: a
 * save from another browser in between is a conflict the user resolves, never a silent overwrite.
 */
export function ServerSaveButton({ doc }: { doc: NotebookDoc }) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  const save = async (replace: boolean) => {
    setState({ kind: 'saving' });
    try {
      const version = replace ? (await workspaceNotebooks.get(doc.id)).version : (readCopyVersion(doc.id) ?? 0);
      const saved = await workspaceNotebooks.save(doc.id, { title: doc.title, content: serializeNotebook(doc), version });
      writeCopyVersion(doc.id, saved.version);
      setState({ kind: 'saved', version: saved.version });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return setState({ kind: 'conflict' });
      setState({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <span className="flex flex-wrap items-center gap-2 text-xs">
      <Button size="sm" onClick={() => void save(false)} disabled={state.kind === 'saving'}>
        {state.kind === 'saving' ? 'Saving to server…' : 'Save to server'}
      </Button>
      <span role="status" aria-live="polite" className={state.kind === 'error' || state.kind === 'conflict' ? 'font-medium text-red-600' : 'text-zinc-500'}>
        {state.kind === 'saved' && `On the server (version ${state.version}): its link opens anywhere`}
        {state.kind === 'error' && `Not saved to the server: ${state.message}`}
        {state.kind === 'conflict' && 'The server has a newer version of this notebook (saved from another browser).'}
      </span>
      {state.kind === 'conflict' && (
        <Button size="sm" variant="danger" onClick={() => void save(true)}>
          Replace it with this one
        </Button>
      )}
    </span>
  );
}
