'use client';

import { Button } from '@/components/ui/button';
import { REPORT_LIMITS, type ReportBlock } from '@/lib/track/reports';

export interface ReportDraft {
  title: string;
  blocks: ReportBlock[];
}

/**
 * Editing a report: its title, each markdown block as text (chart blocks stay as saved, and can
 * be removed), a new text block after any block.
 */
export function ReportEditor({ draft, onChange }: { draft: ReportDraft; onChange: (next: ReportDraft) => void }) {
  const setBlock = (i: number, block: ReportBlock | null, insertAfter?: ReportBlock) => {
    const blocks = [...draft.blocks];
    blocks.splice(i, 1, ...(block ? [block] : []), ...(insertAfter ? [insertAfter] : []));
    onChange({ ...draft, blocks });
  };
  const full = draft.blocks.length >= REPORT_LIMITS.blocks;
  return (
    <div className="space-y-4">
      <label className="block space-y-1 text-sm text-zinc-700">
        <span>Title</span>
        <input value={draft.title} maxLength={REPORT_LIMITS.titleChars} onChange={(e) => onChange({ ...draft, title: e.currentTarget.value })} className="w-full rounded border border-zinc-300 px-2 py-1 text-base" />
      </label>
      {draft.blocks.map((block, i) => (
        <div key={i} className="space-y-1 rounded-lg border border-dashed border-zinc-300 p-3">
          {block.kind === 'markdown' ? (
            <textarea
              aria-label={`Text block ${i + 1} (markdown, $math$)`}
              value={block.text}
              maxLength={REPORT_LIMITS.markdownChars}
              rows={Math.min(12, Math.max(3, block.text.split('\n').length + 1))}
              onChange={(e) => setBlock(i, { ...block, text: e.currentTarget.value })}
              className="w-full rounded border border-zinc-300 px-2 py-1 font-mono text-sm"
            />
          ) : (
            <p className="font-mono text-xs text-zinc-600">chart · {block.metric} · x {block.x} · smoothing {block.smoothing}{block.logY ? ' · log y' : ''}</p>
          )}
          <div className="flex gap-2">
            <Button size="sm" disabled={full} onClick={() => setBlock(i, block, { kind: 'markdown', text: '' })}>Add text below</Button>
            <Button size="sm" variant="ghost" onClick={() => setBlock(i, null)}>Remove</Button>
          </div>
        </div>
      ))}
      {draft.blocks.length === 0 && <Button onClick={() => onChange({ ...draft, blocks: [{ kind: 'markdown', text: '' }] })}>Add text</Button>}
    </div>
  );
}
