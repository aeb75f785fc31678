import Link from 'next/link';
import { MarkdownView } from '@/components/notebook/markdown-view';
import { OutputError } from '@/components/notebook/outputs/output-error';
import { OutputTable } from '@/components/notebook/outputs/output-table';
import { OutputHeatmap } from '@/components/notebook/outputs/output-heatmap';
import { Alert } from '@/components/ui/card';
import { CodeBlock } from '@/components/ui/code-block';
import { assertNever } from '@/lib/shared/assert-never';
import type { CellOutput } from '@/lib/kernel/protocol';
import { NotebookFileV1 } from '@/lib/notebook/format';

/** The notebook file from a server notebook's `content` (stored as JSON text or as an object). */
export function parseNotebookContent(content: unknown): { ok: true; file: NotebookFileV1 } | { ok: false; error: string } {
  let value = content;
  if (typeof content === 'string') {
    try {
      value = JSON.parse(content);
    } catch {
      return { ok: false, error: 'the stored notebook is not JSON' };
    }
  }
  const parsed = NotebookFileV1.safeParse(value);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `the stored notebook is damaged at ${issue?.path.map(String).join('.') || '(top level)'}: ${issue?.message ?? 'unknown problem'}` };
}

/** Saved outputs, read-only: runs become links (their live charts belong to the run page). */
function SavedOutput({ output }: { output: CellOutput }) {
  switch (output.type) {
    case 'text':
    case 'value':
      return <pre tabIndex={0} className={`overflow-x-auto font-mono text-xs leading-5 whitespace-pre-wrap ${output.type === 'text' && output.stream === 'stderr' ? 'text-red-700' : 'text-zinc-800'}`}>{output.text}</pre>;
    case 'table':
      return <OutputTable columns={output.columns} rows={output.rows} />;
    case 'error':
      return <OutputError error={output.error} />;
    case 'run':
      return <p className="text-xs">Run <Link href={`/runs/${encodeURIComponent(output.runId)}`} className="text-accent-700 underline">{output.name}</Link></p>;
    case 'html-safe-markdown':
      return <MarkdownView source={output.markdown} />;
    case 'download':
      return <p className="text-xs text-zinc-600">Download offered in the student&apos;s browser: {output.label}</p>;
    case 'heatmap':
      return <OutputHeatmap title={output.title} rows={output.rows} columns={output.columns} values={output.values} />;
    default:
      return assertNever(output, 'cell output');
  }
}

/**
 * A notebook as text: markdown rendered, code listed with line numbers, saved outputs under their
 * cells. Nothing here runs code, and no editor is mounted (a teacher may open thirty of these).
 */
export function ReadOnlyNotebook({ content, label }: { content: unknown; label: string }) {
  const parsed = parseNotebookContent(content);
  if (!parsed.ok) return <Alert title={`${label} cannot be shown`}>{parsed.error}</Alert>;
  const cells = parsed.file.cells;
  return (
    <article aria-label={label} className="space-y-3" data-testid="read-only-notebook">
      {cells.length === 0 && <p className="text-sm text-zinc-600">This notebook has no cells.</p>}
      {cells.map((cell, i) => (
        <div key={cell.id} className="space-y-2">
          {cell.type === 'markdown' ? (
            <div className="rounded-lg border border-zinc-200 bg-white px-4 py-3">
              <MarkdownView source={cell.source} />
            </div>
          ) : (
            <CodeBlock code={cell.source} label={`Cell ${i + 1} (${cell.type === 'sweep' ? 'sweep' : cell.language ?? 'typescript'})`} />
          )}
          {cell.outputs && cell.outputs.length > 0 && (
            <div role="region" aria-label={`Saved output of cell ${i + 1}`} className="space-y-2 border-l-2 border-zinc-200 pl-3">
              {cell.outputs.map((o, j) => <SavedOutput key={j} output={o} />)}
            </div>
          )}
        </div>
      ))}
    </article>
  );
}
