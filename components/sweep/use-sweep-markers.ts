'use client';

import { useEffect } from 'react';
import type { SweepSourceError } from '@/lib/sweep/parse';

const OWNER = 'benchtop-sweep';

/**
 * Puts a sweep cell's errors into its Monaco model as markers (squiggles, hover text). The editor
 * loads lazily, so this waits for the model `file:///cells/<id>.yaml` to exist.
 */
export function useSweepMarkers(cellId: string, errors: SweepSourceError[]): void {
  const key = JSON.stringify(errors);
  useEffect(() => {
    let disposed = false;
    let cleanup: () => void = () => undefined;
    void import('@/components/notebook/editor/monaco-setup')
      .then(({ loadMonaco }) => loadMonaco())
      .then((monaco) => {
        if (disposed) return;
        const path = `/cells/${cellId}.yaml`;
        const apply = (model: import('monaco-editor').editor.ITextModel) => {
          const lines = model.getLineCount();
          monaco.editor.setModelMarkers(
            model,
            OWNER,
            errors.map((e) => {
              const line = Math.min(Math.max(e.line, 1), lines);
              const endLine = Math.min(Math.max(e.endLine, line), lines);
              const endColumn = endLine === line && e.endColumn <= e.column ? model.getLineMaxColumn(line) : e.endColumn;
              return { severity: monaco.MarkerSeverity.Error, message: e.message, startLineNumber: line, startColumn: Math.max(e.column, 1), endLineNumber: endLine, endColumn };
            }),
          );
          cleanup = () => !model.isDisposed() && monaco.editor.setModelMarkers(model, OWNER, []);
        };
        const existing = monaco.editor.getModels().find((m) => m.uri.path === path);
        if (existing) return apply(existing);
        const listener = monaco.editor.onDidCreateModel((m) => {
          if (m.uri.path !== path) return;
          listener.dispose();
          if (!disposed) apply(m);
        });
        cleanup = () => listener.dispose();
      })
      .catch(() => undefined); // no editor, no markers: the panel still lists the errors
    return () => {
      disposed = true;
      cleanup();
    };
    // `key` stands for `errors` (a new array every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cellId, key]);
}
