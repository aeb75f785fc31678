'use client';

import { useEffect, useState, type ComponentType } from 'react';

export interface CellEditorProps {
  cellId: string;
  language: 'typescript' | 'javascript' | 'markdown' | 'yaml';
  /** The source when the editor mounts; later changes come from the editor itself. */
  initialValue: string;
  onChange: (value: string) => void;
  /** Shift+Enter → 'next', Ctrl/Cmd+Enter → 'stay'. */
  onRun: (mode: 'next' | 'stay') => void;
  onEscape?: () => void;
  onFocus?: () => void;
  /** 1-based line to highlight (the cell's last error), or null. */
  errorLine?: number | null;
  autoFocus?: boolean;
  ariaLabel: string;
}

let editorModule: Promise<ComponentType<CellEditorProps>> | null = null;

/** Monaco and its setup load on the first editor of the page, never on other routes. */
function loadEditor(): Promise<ComponentType<CellEditorProps>> {
  editorModule ??= import('./monaco-setup')
    .then(({ loadMonaco }) => loadMonaco())
    .then(() => import('./monaco-cell-editor'))
    .then((m) => m.default)
    .catch((e) => {
      editorModule = null;
      throw e;
    });
  return editorModule;
}

/** Shows the source as plain text until Monaco is ready, so the notebook is readable at once. */
export function CellEditor(props: CellEditorProps) {
  const [Loaded, setLoaded] = useState<ComponentType<CellEditorProps> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    loadEditor().then(
      (component) => current && setLoaded(() => component),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, []);
  if (Loaded) return <Loaded {...props} />;
  return (
    <div>
      <pre aria-label={props.ariaLabel} className="min-h-[35px] overflow-x-auto py-2 pr-3 pl-[46px] font-mono text-[13px] leading-[19px] text-zinc-700">
        {props.initialValue || ' '}
      </pre>
      {error && <p role="alert" className="px-3 pb-2 text-xs text-red-600">The editor failed to load: {error}</p>}
    </div>
  );
}
