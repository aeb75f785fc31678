'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert } from '@/components/ui/card';
import { downloadBlob } from '@/components/ui/download';
import { ImportNotebookButton } from '@/components/home/import-notebook-button';
import { ClassCopyBadge } from '@/components/student/class-copy-badge';
import { ClassSyncNotice } from '@/components/student/class-sync-notice';
import { useCopySync } from '@/components/student/use-copy-sync';
import type { ClassCopyMeta } from '@/lib/classroom/class-copy';
import { saveNewNotebook } from '@/components/home/use-notebooks';
import type { BackendChoice } from '@/lib/kernel/protocol';
import { newNotebookId } from '@/lib/notebook/cell';
import { notebookFileName, serializeNotebook } from '@/lib/notebook/format';
import { asImportedCopy, type ParseNotebookResult } from '@/lib/notebook/parse-file';
import { notebookActions as A } from '@/lib/notebook/reducer';
import { runtimeOf, type NotebookState } from '@/lib/notebook/state';
import { AddCellBar } from './add-cell-bar';
import { CellView } from './cells/cell-view';
import { NotebookHeader } from './notebook-header';
import { ServerSaveButton } from './server-save-button';
import { NotebookToolbar } from './notebook-toolbar';
import { useAutosave } from './use-autosave';
import { useCommandMode, useUndoDeleteKey } from './use-command-mode';
import { UndoDeleteToast } from './undo-delete-toast';
import { KeyboardHelp } from './keyboard-help';
import { useNotebookController } from './use-notebook-controller';

export interface NotebookEditorProps {
  initial: NotebookState;
  backend: BackendChoice;
  onBackendChange: (backend: BackendChoice) => void;
  params: Record<string, string | number>;
  /** Set when this notebook is a student's copy of an assignment: it syncs to the server. */
  classCopy?: ClassCopyMeta | null;
}

export function NotebookEditor({ initial, backend, onBackendChange, params, classCopy = null }: NotebookEditorProps) {
  const router = useRouter();
  const c = useNotebookController({ initial, backend, params });
  const { state, dispatch, actions } = c;
  const save = useAutosave(state, dispatch, useMemo(() => (classCopy ? { classCopy } : {}), [classCopy]));
  const copySync = useCopySync(state, classCopy);
  const [importErrors, setImportErrors] = useState<{ file: string; errors: string[] } | null>(null);
  const cells = useCallback(() => state.doc.cells, [state.doc.cells]);
  useEffect(() => {
    document.title = `${state.doc.title} · Benchtop`;
  }, [state.doc.title]);
  const [helpOpen, setHelpOpen] = useState(false);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  const onKeyDown = useCommandMode({ cells, actions, addCell: c.addCell, showHelp });
  useUndoDeleteKey(c.undoDelete);

  const exportFile = () => {
    const outputs = Object.fromEntries(state.doc.cells.map((cell) => [cell.id, runtimeOf(state, cell.id).outputs]));
    downloadBlob(new Blob([serializeNotebook({ ...state.doc, updatedAt: Date.now() }, outputs)], { type: 'application/json' }), notebookFileName(state.doc.title));
  };

  const imported = async (result: ParseNotebookResult, file: string) => {
    if (!result.ok) return setImportErrors({ file, errors: result.errors });
    setImportErrors(null);
    const doc = asImportedCopy(result.doc, { id: newNotebookId(), now: Date.now() });
    await saveNewNotebook(doc, result.outputs);
    router.push(`/notebooks/${doc.id}`);
  };

  return (
    <div className="mx-auto max-w-5xl">
      <NotebookHeader
        title={state.doc.title}
        onRename={(title) => dispatch(A.rename({ title }))}
        save={save}
        onExport={exportFile}
        importButton={<ImportNotebookButton label="Import" size="sm" onParsed={imported} />}
        badge={classCopy ? copySync && <ClassCopyBadge copy={classCopy} sync={copySync} /> : <ServerSaveButton doc={state.doc} />}
      />
      <NotebookToolbar
        busy={c.busy}
        kernel={c.kernel}
        backend={backend}
        onBackend={onBackendChange}
        onRunAll={c.runAll}
        onStop={() => void c.stop()}
        onRestart={() => void c.restart()}
        onAddCell={() => c.addCell('code', 'below')}
        onClearOutputs={() => dispatch(A.clearAllOutputs({}))}
        onKeyboardHelp={showHelp}
      />
      {classCopy && <ClassSyncNotice />}
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      {importErrors && (
        <div className="mb-4">
          <Alert title={`Could not import ${importErrors.file}`}>
            <ul className="list-disc pl-5">{importErrors.errors.map((e) => <li key={e}>{e}</li>)}</ul>
          </Alert>
        </div>
      )}
      {c.kernel.phase === 'failed' && (
        <div className="mb-4">
          <Alert title="The kernel could not start">{c.kernel.message} — pick another backend, or Restart kernel.</Alert>
        </div>
      )}
      {c.kernel.phase === 'ready' && c.kernel.notice && (
        <div className="mb-4" data-testid="backend-fallback-notice">
          <Alert tone="amber" title="Backend fallback">
            {c.kernel.notice}{' '}
            <button type="button" className="ml-2 underline" onClick={c.dismissKernelMessage}>Dismiss</button>
          </Alert>
        </div>
      )}
      {c.kernel.phase !== 'failed' && c.kernel.message && (
        <div className="mb-4">
          <Alert tone="amber" title="Kernel message">
            {c.kernel.message}{' '}
            <button type="button" className="ml-2 underline" onClick={c.dismissKernelMessage}>Dismiss</button>
          </Alert>
        </div>
      )}
      <div className="space-y-3" onKeyDown={onKeyDown}>
        {state.doc.cells.map((cell, index) => (
          <CellView
            key={cell.id}
            cell={cell}
            index={index}
            count={state.doc.cells.length}
            runtime={runtimeOf(state, cell.id)}
            selected={state.selectedId === cell.id}
            editing={state.editingId === cell.id}
            actions={actions}
            live={c.live}
          />
        ))}
      </div>
      <AddCellBar onAdd={(type) => c.addCell(type, 'end')} />
      <UndoDeleteToast deletion={c.deletions} canUndo={state.deleted.length > 0} onUndo={c.undoDelete} />
    </div>
  );
}
