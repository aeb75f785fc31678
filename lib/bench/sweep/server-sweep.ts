import { InterruptedError } from '../../kernel/session';
import { runSweepAgent } from '../../sweep/agent';
import { bestTrial } from '../../sweep/analysis';
import { FunctionNameSchema } from '../../sweep/api';
import type { SweepSpec } from '../../sweep/spec';
import { checkFunction, stopSignal, type SweepHost } from './sweep-host';
import { randomId, statusPrinter } from './sweep-text';
import { trialRunner } from './trial-scope';
import type { BenchSweepOptions, BenchSweepResult, JoinOptions, TrialFunction } from './types';

/** `bench.sweep.join`: this kernel becomes an agent of a sweep held on the server. */
export async function joinSweep(host: SweepHost, sweepId: string, fn: TrialFunction, options: JoinOptions = {}): Promise<BenchSweepResult> {
  checkFunction(fn, 'bench.sweep.join');
  const { session, say } = host;
  const client = host.httpClient(options);
  const agentId = options.agentId ?? randomId('agent');
  const stop = stopSignal(session);
  say(`agent ${agentId} joined sweep ${sweepId}`);
  let outcome;
  try {
    outcome = await runSweepAgent({
      client, sweepId, agentId, maxTrials: options.count, signal: stop.controller.signal,
      train: trialRunner(session, sweepId, fn, () => stop.controller.abort('agent stopped by user')),
      onStatus: statusPrinter(say),
    });
  } finally {
    stop.dispose();
  }
  const final = await client.get(sweepId).catch(() => null);
  const best = final ? bestTrial(final.state) : null;
  if (stop.byUser()) throw new InterruptedError(`Stopped by user: agent ${agentId} left sweep ${sweepId} after ${outcome.trials} trial(s)`);
  return { sweepId, reason: outcome.reason, trials: outcome.trials, best, url: `/sweeps/${sweepId}` };
}

/** `server: true`: creates the sweep on the tracking server, then joins it as its first agent. */
export async function runServerSweep(host: SweepHost, spec: SweepSpec, specSource: string, fn: TrialFunction, options: BenchSweepOptions): Promise<BenchSweepResult> {
  const { session } = host;
  const server = typeof options.server === 'object' ? options.server : {};
  const functionName = options.functionName ?? fn.name;
  if (!FunctionNameSchema.safeParse(functionName).success) {
    throw new TypeError('bench.sweep: a server sweep needs a named training function that other browsers can find (function trainTrial(config) {…} in a cell above), or functionName');
  }
  const cell = session.currentCell();
  const here = cell.notebookCells.findIndex((c) => c.cellId === cell.cellId);
  // Agents run the cells above this one: they define the data and the training function.
  const cells = here === -1 ? cell.notebookCells : cell.notebookCells.slice(0, here);
  // `spec` is the validated config; the source (a sweep cell's text, its own keys included) is
  // what the sweep page shows, and the server would refuse those keys as config fields.
  const created = await host.httpClient(server).create({
    projectId: session.context.projectId, name: options.name, spec: { ...spec }, specSource, seed: options.seed ?? 0,
    code: { cells }, functionName, notebookId: session.context.notebookId || null, leaseMs: server.leaseMs,
  });
  host.print({ type: 'html-safe-markdown', markdown: `**Sweep ${created.id}** on the server: [sweep page](/sweeps/${created.id}) · [join link](/sweeps/${created.id}/join) (open it in other browsers to add agents)` });
  return joinSweep(host, created.id, fn, { count: options.count, baseUrl: server.baseUrl, token: server.token });
}
