import type { BenchSession } from '../../kernel/session';
import type { CellOutput } from '../../kernel/protocol';
import { createSweepHttpClient, type SweepHttpClient } from '../../sweep/http-client';
import { openIdbSweepStore, type LocalSweepStore } from '../../sweep/idb-sweeps';
import type { Say } from './sweep-text';
import type { TrialFunction } from './types';

export interface BenchSweepDeps {
  openStore?: () => Promise<LocalSweepStore>;
  fetch?: typeof fetch;
}

/** What local and server sweeps share: the kernel session, cell output, storage and HTTP. */
export interface SweepHost {
  session: BenchSession;
  openStore: () => Promise<LocalSweepStore>;
  print(output: CellOutput): void;
  say: Say;
  httpClient(o: { baseUrl?: string; token?: string }): SweepHttpClient;
}

export function createSweepHost(session: BenchSession, deps: BenchSweepDeps): SweepHost {
  const print = (output: CellOutput) => session.emit({ type: 'output', cellId: session.currentCell().cellId, output });
  return {
    session,
    openStore: deps.openStore ?? (() => openIdbSweepStore()),
    print,
    say: (text, stream = 'stdout') => print({ type: 'text', stream, text: `${text}\n` }),
    httpClient(o) {
      const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? '';
      return createSweepHttpClient({ baseUrl: o.baseUrl ?? origin, token: o.token, fetch: deps.fetch });
    },
  };
}

/** Aborts when the kernel's Stop is pressed (checked every 250 ms) or `extra` names a reason (every 500 ms). */
export function stopSignal(session: BenchSession, extra?: () => Promise<string | null>) {
  const controller = new AbortController();
  let ticks = 0;
  const timer = setInterval(() => {
    if (session.stopRequested()) controller.abort('sweep stopped by user');
    else if (extra && ++ticks % 2 === 0) void extra().then((reason) => reason && controller.abort(reason), () => undefined);
  }, 250);
  return { controller, dispose: () => clearInterval(timer), byUser: () => session.stopRequested() };
}

export function checkFunction(fn: unknown, what: string): asserts fn is TrialFunction {
  if (typeof fn !== 'function') throw new TypeError(`${what}: the second argument must be the training function, e.g. bench.sweep(spec, (config) => bench.train({ ... }))`);
}
