'use client';

import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';
import type { CellEditorProps } from './cell-editor';
import { tabFocusMode } from './tab-focus-mode';

const EXTENSIONS = { typescript: 'ts', javascript: 'js', markdown: 'md', yaml: 'yaml' } as const;
const LINE_HEIGHT = 19;
const PADDING = 8;

/**
 * One cell's Monaco editor. Each cell is its own model (`file:///cells/<id>.ts`), and cells are
 * scripts, so TypeScript sees declarations of earlier cells, like the kernel does. The editor
 * grows with its content instead of scrolling, as in Jupyter.
 */
export default function MonacoCellEditor(props: CellEditorProps) {
  const { cellId, language, initialValue, errorLine, autoFocus, ariaLabel } = props;
  const handlers = useRef(props);
  handlers.current = props;
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);
  const [height, setHeight] = useState(() => Math.max(1, initialValue.split('\n').length) * LINE_HEIGHT + PADDING * 2);

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    decorations.current = editor.createDecorationsCollection();
    editor.onDidContentSizeChange((e) => setHeight(Math.max(LINE_HEIGHT + PADDING * 2, e.contentHeight)));
    editor.onDidFocusEditorText(() => handlers.current.onFocus?.());
    // addAction (not addCommand): commands are global in Monaco and would fire on the last editor.
    editor.addAction({ id: 'benchtop.run-next', label: 'Run cell and select below', keybindings: [monaco.KeyMod.Shift | monaco.KeyCode.Enter], run: () => handlers.current.onRun('next') });
    editor.addAction({ id: 'benchtop.run-stay', label: 'Run cell', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => handlers.current.onRun('stay') });
    editor.addAction({
      id: 'benchtop.command-mode',
      label: 'Leave the editor (command mode)',
      keybindings: [monaco.KeyCode.Escape],
      // Esc still closes the suggest widget first; only a plain Esc leaves the editor.
      precondition: '!suggestWidgetVisible && !parameterHintsVisible && !findWidgetVisible',
      run: () => handlers.current.onEscape?.(),
    });
    // Ctrl+M (VS Code's key) toggles "Tab moves focus" for every cell; the notebook shows it.
    const isMac = /Mac/.test(navigator.platform);
    editor.addAction({
      id: 'benchtop.toggle-tab-focus',
      label: 'Toggle Tab Key Moves Focus',
      keybindings: [isMac ? monaco.KeyMod.WinCtrl | monaco.KeyMod.Shift | monaco.KeyCode.KeyM : monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM],
      run: () => tabFocusMode.toggle(),
    });
    const applyTabFocus = () => editor.updateOptions({ tabFocusMode: tabFocusMode.get() });
    applyTabFocus();
    editor.onDidDispose(tabFocusMode.subscribe(applyTabFocus));
    if (autoFocus) editor.focus();
    applyErrorLine(monaco, handlers.current.errorLine);
  };

  function applyErrorLine(monaco: typeof Monaco | null, line: number | null | undefined) {
    const editor = editorRef.current;
    if (!editor || !decorations.current) return;
    const model = editor.getModel();
    if (line == null || !model || line < 1 || line > model.getLineCount() || !monaco) {
      decorations.current.clear();
      return;
    }
    decorations.current.set([{ range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: 'cell-error-line', linesDecorationsClassName: 'cell-error-glyph' } }]);
  }

  useEffect(() => {
    void import('./monaco-setup').then(({ loadMonaco }) => loadMonaco()).then((monaco) => applyErrorLine(monaco, errorLine));
  }, [errorLine]);

  useEffect(() => {
    editorRef.current?.layout();
  }, [height]);

  return (
    <div style={{ height }} className="w-full" data-testid="cell-editor">
      <Editor
        key={`${cellId}.${EXTENSIONS[language]}`}
        path={`file:///cells/${cellId}.${EXTENSIONS[language]}`}
        language={language}
        defaultValue={initialValue}
        theme="benchtop"
        onMount={onMount}
        onChange={(value) => handlers.current.onChange(value ?? '')}
        loading={null}
        options={{
          ariaLabel,
          fontSize: 13,
          lineHeight: LINE_HEIGHT,
          fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace',
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          scrollbar: { vertical: 'hidden', horizontal: 'auto', alwaysConsumeMouseWheel: false, handleMouseWheel: false },
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          renderLineHighlight: 'line',
          renderLineHighlightOnlyWhenFocus: true,
          lineNumbersMinChars: 3,
          glyphMargin: false,
          folding: false,
          padding: { top: PADDING, bottom: PADDING },
          wordWrap: language === 'markdown' ? 'on' : 'off',
          automaticLayout: true,
          fixedOverflowWidgets: true,
          tabSize: 2,
          contextmenu: true,
        }}
      />
    </div>
  );
}
