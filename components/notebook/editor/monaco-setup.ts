'use client';

import type * as Monaco from 'monaco-editor';
import { IGNORED_DIAGNOSTICS, TF_GLOBAL_DTS, TF_GLOBAL_PATH, cellCompilerOptions } from '@/lib/notebook/cell-typings';

export type MonacoApi = typeof Monaco;

let loading: Promise<MonacoApi> | null = null;

/**
 * Loads Monaco from our own bundle (never the CDN @monaco-editor/react defaults to) and configures
 * it once: workers, TypeScript options, and the `tf`/`bench` declarations for autocompletion.
 */
export function loadMonaco(): Promise<MonacoApi> {
  loading ??= setUp().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/**
 * Monaco rejects in-flight requests with a `Canceled` error when an editor is disposed (a
 * markdown cell that renders, a deleted cell). It is bookkeeping, not a failure: keep it out of
 * the console and error overlays.
 */
function ignoreMonacoCancellations(): void {
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as { name?: string; message?: string } | null;
    if (reason && reason.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
  });
}

async function setUp(): Promise<MonacoApi> {
  ignoreMonacoCancellations();
  self.MonacoEnvironment = {
    getWorker(_workerId: string, label: string) {
      if (label === 'typescript' || label === 'javascript') {
        return new Worker(new URL('monaco-editor/esm/vs/language/typescript/ts.worker.js', import.meta.url), { type: 'module', name: 'monaco-ts' });
      }
      return new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url), { type: 'module', name: 'monaco-editor' });
    },
  };
  const [monaco, { loader }, { BENCH_DTS }] = await Promise.all([import('monaco-editor'), import('@monaco-editor/react'), import('@/lib/bench/typings.generated')]);
  loader.config({ monaco });
  defineTheme(monaco);

  const ts = monaco.typescript;
  const baseLibs = [
    { content: BENCH_DTS, filePath: 'file:///benchtop/bench.d.ts' },
    // `tf` as a value and a namespace of types; resolved through /monaco-types/tfjs.
    { content: TF_GLOBAL_DTS, filePath: TF_GLOBAL_PATH },
  ];
  for (const defaults of [ts.typescriptDefaults, ts.javascriptDefaults]) {
    defaults.setCompilerOptions(cellCompilerOptions(ts));
    defaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS });
    defaults.setEagerModelSync(true);
    defaults.setExtraLibs(baseLibs);
  }
  void loadTfTypings(monaco, baseLibs);
  return monaco;
}

/** ~1 MB of tfjs declarations, fetched after the editors are up so typing never waits for it. */
async function loadTfTypings(monaco: MonacoApi, baseLibs: { content: string; filePath: string }[]): Promise<void> {
  try {
    const response = await fetch('/monaco-types/tfjs');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { files } = (await response.json()) as { files: Record<string, string> };
    const libs = [...baseLibs, ...Object.entries(files).map(([filePath, content]) => ({ filePath, content }))];
    monaco.typescript.typescriptDefaults.setExtraLibs(libs);
    monaco.typescript.javascriptDefaults.setExtraLibs(libs);
  } catch (e) {
    // Autocompletion for `tf` degrades to `any`; the notebook itself is unaffected.
    console.warn('Benchtop: could not load TensorFlow.js typings for the editor:', e);
  }
}

function defineTheme(monaco: MonacoApi): void {
  monaco.editor.defineTheme('benchtop', {
    base: 'vs',
    inherit: true,
    rules: [{ token: 'comment', foreground: '71717a', fontStyle: 'italic' }],
    colors: {
      'editor.background': '#ffffff',
      'editor.lineHighlightBackground': '#f4f4f5',
      'editor.lineHighlightBorder': '#00000000',
      // zinc-500: 4.8:1 on white (WCAG AA); zinc-400 was 2.6:1.
      'editorLineNumber.foreground': '#71717a',
      'editorLineNumber.activeForeground': '#52525b',
      'editorIndentGuide.background1': '#f4f4f5',
      'editorGutter.background': '#ffffff',
    },
  });
}
