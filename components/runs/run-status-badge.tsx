import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { RunStatus } from '@/lib/track/schemas';

const TONE: Record<RunStatus, BadgeTone> = {
  running: 'blue',
  finished: 'green',
  stopped: 'amber',
  failed: 'red',
  crashed: 'red',
};

export function RunStatusBadge({ status, reason }: { status: RunStatus; reason?: string | null }) {
  return (
    <Badge tone={TONE[status]} dot title={reason ?? undefined}>
      {status}
    </Badge>
  );
}
