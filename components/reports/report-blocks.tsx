'use client';

import { useMemo } from 'react';
import { MarkdownView } from '@/components/notebook/markdown-view';
import { MetricPanel } from '@/components/compare/metric-panel';
import type { CompareSource } from '@/components/compare/compare-source';
import type { CompareRun } from '@/lib/track/compare/compare-run';
import { runColors } from '@/lib/track/compare/run-colors';
import type { ReportBlock } from '@/lib/track/reports';

/**
 * A report's body, read-only: markdown (KaTeX math; raw HTML dropped, so a shared report runs no
 * script) between chart panels, each chart with its own saved smoothing / x axis / log y.
 */
export function ReportBlocks({ blocks, source, runs }: { blocks: ReportBlock[]; source: CompareSource; runs: CompareRun[] }) {
  const colors = useMemo(() => runColors(runs.map((r) => r.id)), [runs]);
  return (
    <div className="space-y-6" data-testid="report-blocks">
      {blocks.map((block, i) =>
        block.kind === 'markdown' ? (
          <MarkdownView key={i} source={block.text} />
        ) : (
          <MetricPanel key={i} source={source} runs={runs} colors={colors} metric={block.metric} settings={block} />
        ),
      )}
    </div>
  );
}
