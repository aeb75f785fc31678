import { Badge } from '@/components/ui/badge';
import type { KernelView } from './use-kernel';

/** Which backend the kernel actually runs on (and its GPU adapter), or why it is not running. */
export function KernelBadge({ view, busy }: { view: KernelView; busy: boolean }) {
  if (view.phase === 'failed') return <Badge tone="red" dot title={view.message ?? undefined}>kernel failed</Badge>;
  if (view.phase !== 'ready' || !view.info) {
    const verb = view.phase === 'restarting' ? 'restarting' : 'starting';
    return <Badge tone="neutral" dot>{view.trying ? `${verb} ${view.trying}…` : `${verb}…`}</Badge>;
  }
  const { backend, adapter, tfjsVersion, skipped } = view.info;
  const title = [
    `TensorFlow.js ${tfjsVersion} on ${backend}`,
    adapter ? `adapter: ${adapter}` : null,
    ...skipped.map((s) => `skipped ${s.backend}: ${s.reason}`),
  ].filter(Boolean).join('\n');
  return (
    <span className="inline-flex min-w-0 items-center gap-2" title={title} data-testid="kernel-badge" data-backend={backend}>
      <Badge tone={busy ? 'blue' : view.notice ? 'amber' : 'green'} dot>
        <span className="font-mono">{backend}</span>
        <span className="sr-only">{busy ? ' (busy)' : ' (idle)'}</span>
      </Badge>
      {adapter && <span className="max-w-48 truncate text-xs text-zinc-500">{adapter}</span>}
    </span>
  );
}
