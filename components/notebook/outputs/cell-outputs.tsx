'use client';

import { memo } from 'react';
import { assertNever } from '@/lib/shared/assert-never';
import type { CellOutput } from '@/lib/kernel/protocol';
import { MarkdownView } from '../markdown-view';
import type { LiveRunStore } from '@/lib/runs/live-run-store';
import { DownloadOutput } from '../live/download-output';
import { RunOutput } from '../live/run-output';
import { OutputError } from './output-error';
import { OutputTable } from './output-table';
import { OutputHeatmap } from './output-heatmap';

function Output({ output, store, showPositions }: { output: CellOutput; store: LiveRunStore; showPositions: boolean }) {
  switch (output.type) {
    case 'text':
      return <pre className={`overflow-x-auto font-mono text-xs leading-5 whitespace-pre-wrap ${output.stream === 'stderr' ? 'text-red-700' : 'text-zinc-800'}`}>{output.text}</pre>;
    case 'value':
      return <pre className="overflow-x-auto font-mono text-xs leading-5 whitespace-pre-wrap text-zinc-900">{output.text}</pre>;
    case 'table':
      return <OutputTable columns={output.columns} rows={output.rows} />;
    case 'error':
      return <OutputError error={showPositions ? output.error : { ...output.error, line: null, column: null }} />;
    case 'run':
      return <RunOutput runId={output.runId} name={output.name} store={store} />;
    case 'html-safe-markdown':
      return <MarkdownView source={output.markdown} />;
    case 'download':
      return <DownloadOutput downloadId={output.downloadId} label={output.label} totalBytes={output.totalBytes} store={store} />;
    case 'heatmap':
      return <OutputHeatmap title={output.title} rows={output.rows} columns={output.columns} values={output.values} />;
    default:
      return assertNever(output, 'cell output');
  }
}

/** Everything a cell printed, returned, or trained, in order. */
/**
 * `showPositions: false` for cells whose errors carry their own line (sweep cells run generated
 * code, so the kernel's line and column would point into that, not into the cell).
 */
export const CellOutputs = memo(function CellOutputs({ outputs, truncated, store, cellLabel, showPositions = true }: { outputs: CellOutput[]; truncated: boolean; store: LiveRunStore; cellLabel: string; showPositions?: boolean }) {
  if (outputs.length === 0) return null;
  return (
    <div role="region" aria-label={`Output of ${cellLabel}`} className="space-y-2 px-3 pt-2 pb-3">
      {truncated && <p className="text-xs text-zinc-500">Earlier output was dropped to keep the page responsive.</p>}
      {outputs.map((output, i) => (
        <Output key={output.type === 'run' ? output.runId : i} output={output} store={store} showPositions={showPositions} />
      ))}
    </div>
  );
});
