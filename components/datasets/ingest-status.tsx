import { Alert } from '@/components/ui/card';
import { formatBytes } from '@/components/ui/format';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { IngestState } from './use-ingest';

/** The running upload's bar (bytes for files read, counts for images), or why it failed. */
export function IngestStatus({ state, unit }: { state: IngestState; unit: 'bytes' | 'images' }) {
  if (state.status === 'failed') return <Alert title={`Could not read ${state.label}`}>{state.message}</Alert>;
  if (state.status !== 'working') return null;
  const amount = (n: number) => (unit === 'bytes' && state.phase === 'Reading' ? formatBytes(n) : n.toLocaleString('en-US'));
  return (
    <div className="space-y-1" data-testid="ingest-progress">
      <p className="text-sm text-zinc-700" aria-live="polite">
        {state.phase} {state.label}: {amount(state.done)} of {amount(state.total)} — in a background worker, this page stays usable.
      </p>
      <ProgressBar value={state.total > 0 ? state.done / state.total : 0} label={`${state.phase} ${state.label}`} />
    </div>
  );
}
