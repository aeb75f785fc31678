import { Button } from '@/components/ui/button';
import { PlusIcon } from '@/components/ui/icons';
import type { CellType } from '@/lib/notebook/cell';

/** Adds a cell of a given type at the end of the notebook. */
export function AddCellBar({ onAdd }: { onAdd: (type: CellType) => void }) {
  return (
    <div className="mt-4 ml-14 flex items-center gap-2 border-t border-dashed border-zinc-200 pt-4">
      <Button size="sm" variant="ghost" icon={<PlusIcon />} aria-label="Add code cell" onClick={() => onAdd('code')}>Code</Button>
      <Button size="sm" variant="ghost" icon={<PlusIcon />} aria-label="Add markdown cell" onClick={() => onAdd('markdown')}>Markdown</Button>
      <Button size="sm" variant="ghost" icon={<PlusIcon />} aria-label="Add sweep cell" onClick={() => onAdd('sweep')}>Sweep</Button>
    </div>
  );
}
