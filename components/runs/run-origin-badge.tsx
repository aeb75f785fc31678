import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { RunOrigin } from '@/lib/track/sync-merge';

const LOOK: Record<RunOrigin, { tone: BadgeTone; title: string }> = {
  local: { tone: 'neutral', title: 'Only in this browser (not on the sync server yet)' },
  server: { tone: 'accent', title: 'Only on the sync server (another browser, or an MLflow client)' },
  both: { tone: 'green', title: 'In this browser and on the sync server' },
};

/** Where a run lives: this browser, the sync server, or both. */
export function RunOriginBadge({ origin }: { origin: RunOrigin }) {
  return (
    <span data-testid="run-origin" data-origin={origin}>
      <Badge tone={LOOK[origin].tone} title={LOOK[origin].title}>
        {origin}
      </Badge>
    </span>
  );
}
