'use client';

import { Button } from '@/components/ui/button';
import { EraseIcon, KeyboardIcon, PlayAllIcon, PlusIcon, RestartIcon, StopIcon } from '@/components/ui/icons';
import { TabFocusIndicator } from './editor/tab-focus-indicator';
import type { BackendChoice } from '@/lib/kernel/protocol';
import { BackendSelect } from './kernel/backend-select';
import { KernelBadge } from './kernel/kernel-badge';
import type { KernelView } from './kernel/use-kernel';

export interface NotebookToolbarProps {
  busy: boolean;
  kernel: KernelView;
  backend: BackendChoice;
  onBackend: (b: BackendChoice) => void;
  onRunAll: () => void;
  onStop: () => void;
  onRestart: () => void;
  onAddCell: () => void;
  onClearOutputs: () => void;
  onKeyboardHelp: () => void;
}

/** The notebook's command bar, sticky under the top navigation (not on phones: there it wraps to three rows). */
export function NotebookToolbar(p: NotebookToolbarProps) {
  const kernelDown = p.kernel.phase === 'failed';
  return (
    <div role="toolbar" aria-label="Notebook" className="z-20 -mx-2 mb-4 sm:sticky sm:top-12 flex flex-wrap items-center gap-2 rounded-lg border border-zinc-200 bg-white px-2 py-1.5 shadow-xs">
      <Button variant="primary" size="sm" icon={<PlayAllIcon />} onClick={p.onRunAll} disabled={kernelDown}>
        Run all
      </Button>
      <Button size="sm" icon={<StopIcon />} onClick={p.onStop} disabled={!p.busy}>
        Stop
      </Button>
      <Button size="sm" icon={<RestartIcon />} onClick={p.onRestart}>
        Restart kernel
      </Button>
      <span aria-hidden className="mx-1 hidden h-5 w-px bg-zinc-200 sm:block" />
      <Button size="sm" variant="ghost" icon={<PlusIcon />} onClick={p.onAddCell}>
        Add cell
      </Button>
      <Button size="sm" variant="ghost" icon={<EraseIcon />} onClick={p.onClearOutputs} disabled={p.busy}>
        Clear outputs
      </Button>
      <Button size="sm" variant="ghost" icon={<KeyboardIcon />} onClick={p.onKeyboardHelp} aria-keyshortcuts="h">
        Shortcuts
      </Button>
      <TabFocusIndicator />
      <div className="ml-auto flex min-w-0 items-center gap-3">
        <KernelBadge view={p.kernel} busy={p.busy} />
        <BackendSelect value={p.backend} onChange={p.onBackend} />
      </div>
    </div>
  );
}
