'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { PlusIcon } from '@/components/ui/icons';
import { saveNewNotebook } from '@/components/home/use-notebooks';
import { notebookFromRun, runNotebookHref, type RunForNotebook } from '@/lib/notebook/run-to-notebook';

/**
 * "Open as notebook" on a run page or a share link that includes code: copies the run's code
 * snapshot and config into a new notebook in this browser (IndexedDB) and opens it, with the
 * run's bench.param values in the URL. Nothing runs until the user runs it. Renders nothing for a
 * run without a code snapshot.
 */
export function OpenAsNotebookButton({ run }: { run: RunForNotebook }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!run.code || run.code.cells.length === 0) return null;

  async function open() {
    setBusy(true);
    setError(null);
    try {
      const made = notebookFromRun(run, { now: Date.now() });
      if (!made) return;
      await saveNewNotebook(made.doc);
      router.push(runNotebookHref(made));
    } catch (e) {
      setError(`Could not create the notebook: ${e instanceof Error ? e.message : String(e)}`);
      setBusy(false);
    }
  }

  return (
    <>
      <Button icon={<PlusIcon />} onClick={open} disabled={busy} title="A new notebook in this browser with this run's code and config; nothing runs until you run it">
        Open as notebook
      </Button>
      {error && <p role="alert" className="w-full text-sm text-red-600">{error}</p>}
    </>
  );
}
