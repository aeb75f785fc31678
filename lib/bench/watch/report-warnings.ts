import type { BenchSession } from '../../kernel/session';
import type { RunTracker } from '../run-tracker';
import type { HealthWarning } from './run-health';

/** Stores warnings on the run (warn/… metric points) and shows them under the cell. */
export function reportWarnings(session: BenchSession, tracker: RunTracker, warnings: HealthWarning[]): void {
  if (warnings.length === 0) return;
  tracker.log(warnings.map(({ key, step, value }) => ({ key, step, value })));
  for (const w of warnings) {
    const message = `run ${tracker.record.name}: ${w.message}`;
    session.emit({ type: 'log', level: 'warn', message });
    session.emit({ type: 'output', cellId: tracker.cellId, output: { type: 'text', stream: 'stderr', text: `⚠ ${message}\n` } });
  }
}
