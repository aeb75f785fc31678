import type { BenchSession } from '../../kernel/session';
import { toSweepSpec } from '../../sweep/parse';
import type { SweepSpec } from '../../sweep/spec';
import { runLocalSweep } from './local-sweep';
import { joinSweep, runServerSweep } from './server-sweep';
import { checkFunction, createSweepHost, type BenchSweepDeps } from './sweep-host';
import type { BenchSweep } from './types';

/**
 * `bench.sweep(spec, train, options)`: a W&B-style sweep in the notebook's kernel. Each trial
 * calls the user's training function with the trial's config; every `bench.train` inside it
 * becomes a run linked to the sweep (sweepId/trialId, the trial's config merged into the run's)
 * and reports its per-epoch logs to the sweep, whose answer (Hyperband, Stop) ends the run as
 * `stopped` with the reason. Local sweeps are kept in IndexedDB (the /sweeps page reads them);
 * `server: true` creates the sweep on the tracking server and joins it as the first agent, and
 * `bench.sweep.join(id, train)` is what every other browser's join page runs.
 */
export function createBenchSweep(session: BenchSession, deps: BenchSweepDeps = {}): BenchSweep {
  const host = createSweepHost(session, deps);
  const sweep = (async (spec, fn, options = {}) => {
    checkFunction(fn, 'bench.sweep');
    let parsed: SweepSpec;
    try {
      parsed = toSweepSpec(spec);
    } catch (error) {
      if (error instanceof Error) error.message = `bench.sweep: ${error.message}`;
      throw error;
    }
    const specSource = options.source ?? (typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
    return options.server ? runServerSweep(host, parsed, specSource, fn, options) : runLocalSweep(host, parsed, specSource, fn, options);
  }) as BenchSweep;
  sweep.join = (sweepId, fn, options) => joinSweep(host, sweepId, fn, options);
  return sweep;
}
