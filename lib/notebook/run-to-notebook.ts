import type { Run } from '../track/schemas';
import { createCell, newCellId, newNotebookId, type Cell } from './cell';
import type { NotebookDoc } from './notebook';
import type { KernelParamValue } from './url-params';

/** What "Open as notebook" needs of a run (a local one, a server one, or a share link's). */
export type RunForNotebook = Pick<Run, 'id' | 'name' | 'projectId' | 'config' | 'code' | 'sweepId' | 'trialId'>;

export interface RunNotebook {
  doc: NotebookDoc;
  /**
   * The run's config values that its code reads with `bench.param(name, …)`: opened as
   * `?param.<name>=<value>` (the one way values flow into a notebook from outside), they make the
   * new notebook run with the run's values instead of the code's defaults.
   */
  params: Record<string, KernelParamValue>;
}

/** `bench.param('name'` / `bench.param("name"` in a cell's source. */
const PARAM_CALL = /\bbench\s*\.\s*param\s*\(\s*(['"])([^'"\n]+)\1/g;

/**
 * A new notebook that reproduces `run`: a leading markdown cell naming the run and carrying its
 * recorded config, then the run's code snapshot, cell by cell. Null when the run has no code
 * snapshot (an MLflow run, or a share without code): there is nothing to run.
 */
export function notebookFromRun(run: RunForNotebook, options: { now: number; id?: string; cellId?: () => string }): RunNotebook | null {
  if (!run.code || run.code.cells.length === 0) return null;
  const cellId = options.cellId ?? newCellId;
  const params = paramsOf(run);
  const cells: Cell[] = [createCell('markdown', describeRun(run, params), cellId()), ...run.code.cells.map((c) => createCell('code', c.source, cellId()))];
  return {
    doc: {
      id: options.id ?? newNotebookId(),
      title: `${run.name || run.id} (reproduced)`,
      projectId: run.projectId,
      templateId: null,
      createdAt: options.now,
      updatedAt: options.now,
      cells,
    },
    params,
  };
}

/** `/notebooks/<id>?param.<name>=<value>…`: where "Open as notebook" navigates. */
export function runNotebookHref({ doc, params }: RunNotebook): string {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [`param.${k}`, String(v)])).toString();
  return `/notebooks/${encodeURIComponent(doc.id)}${query ? `?${query}` : ''}`;
}

function paramsOf(run: RunForNotebook): Record<string, KernelParamValue> {
  const read = new Set<string>();
  for (const cell of run.code?.cells ?? []) for (const match of cell.source.matchAll(PARAM_CALL)) read.add(match[2]);
  const params: Record<string, KernelParamValue> = {};
  for (const name of [...read].sort()) {
    const value = run.config[name];
    if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string') params[name] = value;
  }
  return params;
}

function describeRun(run: RunForNotebook, params: Record<string, KernelParamValue>): string {
  const config = JSON.stringify(run.config, null, 2);
  // A fence longer than any backtick run in the config, so a string value cannot close it.
  const fence = '`'.repeat(Math.max(3, ...[...config.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const names = Object.keys(params);
  const lines = [
    `# Reproduce ${escapeMarkdown(run.name || run.id)}`,
    '',
    `The code snapshot of run [${escapeMarkdown(run.id)}](/runs/${encodeURIComponent(run.id)})${run.sweepId ? ` (trial ${escapeMarkdown(run.trialId ?? '?')} of sweep ${escapeMarkdown(run.sweepId)}: its function was called with the sweep's parameters, which are in the config below)` : ''}, and the config it recorded:`,
    '',
    `${fence}json`,
    config,
    fence,
    '',
    names.length > 0
      ? `Opened with ${names.map((n) => `\`?param.${n}\``).join(', ')} set to the run's values, so \`bench.param\` reads them; reopened without them, the code's defaults apply.`
      : 'The code reads no `bench.param` the config has a value for: it runs as the snapshot wrote it.',
  ];
  return lines.join('\n');
}

/** Run names and ids are user text: shown literally, never as markdown or links. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~$]/g, (c) => `\\${c}`);
}
