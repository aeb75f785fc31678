'use client';

import { useState, type ReactNode } from 'react';
import type { ColumnKeyGroup } from '@/lib/runs/column-groups';

/** Past this many keys per group the chooser asks for a search instead of listing them all. */
const MAX_LISTED = 200;

function KeyList({ keys, render }: { keys: string[]; render: (key: string) => ReactNode }) {
  return (
    <>
      {keys.slice(0, MAX_LISTED).map(render)}
      {keys.length > MAX_LISTED && <p className="text-xs text-zinc-500">{keys.length - MAX_LISTED} more: search to narrow.</p>}
    </>
  );
}

/**
 * One prefix's keys behind a native <details> (keyboard and screen readers work unaided). A
 * folded group renders no checkboxes at all: ~360 `watch/…` metrics × 3 stats would otherwise be
 * a thousand inputs in the page.
 */
function FoldedKeys({ group, render, startOpen }: { group: ColumnKeyGroup; render: (key: string) => ReactNode; startOpen: boolean }) {
  const [open, setOpen] = useState(startOpen);
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="column-group" data-prefix={group.prefix}>
      <summary className="cursor-pointer rounded px-1 py-0.5 font-mono text-xs text-zinc-600 hover:bg-zinc-50">
        {group.prefix}… ({group.keys.length})
      </summary>
      {open && (
        <div className="pl-3">
          <KeyList keys={group.keys} render={render} />
        </div>
      )}
    </details>
  );
}

/** A chooser section's keys: the ungrouped ones first, then each prefix folded or open. While searching every group is open. */
export function ColumnKeyGroups({ groups, render, searching }: { groups: ColumnKeyGroup[]; render: (key: string) => ReactNode; searching: boolean }) {
  return (
    <>
      {groups.map((g) =>
        g.prefix === null ? (
          <KeyList key="" keys={g.keys} render={render} />
        ) : (
          // Keyed by the search state: starting or clearing a search resets each group's fold.
          <FoldedKeys key={`${g.prefix}:${searching}`} group={g} render={render} startOpen={searching || !g.collapsed} />
        ),
      )}
    </>
  );
}
