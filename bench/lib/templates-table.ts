/** One line of bench:templates (bench/templates.ts), as far as the table needs it. */
export interface TemplateLine {
  template: string;
  backend: string;
  loadBefore: number;
  loadAfter: number;
  error?: string;
  runs?: { run: string; backend: string | null; valAccuracy: number | null; epochMs: number[]; fitMs: number | null }[];
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const seconds = (ms: number) => (ms >= 10_000 ? (ms / 1000).toFixed(0) : (ms / 1000).toFixed(1));

/** "94.8 % · 6.5 s/epoch" (the median epoch), "86.7 % · fit 14.7 s", or what went wrong. */
function cellText(line: TemplateLine | undefined, runName: string): string {
  if (!line) return '—';
  if (line.error) return `error: ${line.error.slice(0, 60)}`;
  const run = line.runs?.find((r) => r.run === runName);
  if (!run) return '—';
  const acc = run.valAccuracy === null ? '?' : `${(run.valAccuracy * 100).toFixed(1)} %`;
  const per = median(run.epochMs);
  const time = per !== null ? `${seconds(per)} s/epoch` : run.fitMs !== null ? `fit ${seconds(run.fitMs)} s` : '';
  // The run's own backend differs when the kernel could not train this model on the one asked.
  const moved = run.backend && run.backend !== line.backend ? ` (ran on ${run.backend})` : '';
  return [acc, time].filter(Boolean).join(' · ') + moved;
}

/**
 * The README's template × backend table from bench:templates lines: one row per tracked run of a
 * template (the text template's baseline and transformer, the table's forest and MLP), one column
 * per backend; validation accuracy and the median epoch's time. Later lines of a cell win.
 */
export function templatesTable(lines: TemplateLine[]): string {
  const backends = [...new Set(lines.map((l) => l.backend))];
  const byCell = new Map(lines.map((l) => [`${l.template}/${l.backend}`, l]));
  const rows: [string, string][] = [];
  for (const l of lines) for (const r of l.runs ?? []) if (!rows.some(([t, n]) => t === l.template && n === r.run)) rows.push([l.template, r.run]);
  const loads = lines.flatMap((l) => [l.loadBefore, l.loadAfter]);
  return [
    `| template: run | ${backends.join(' | ')} |`,
    `| --- | ${backends.map(() => '---').join(' | ')} |`,
    ...rows.map(([template, run]) => `| ${template}: ${run} | ${backends.map((b) => cellText(byCell.get(`${template}/${b}`), run)).join(' | ')} |`),
    '',
    `Load average (1 min) while measuring: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}.`,
  ].join('\n');
}
