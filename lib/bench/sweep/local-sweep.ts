import { InterruptedError } from '../../kernel/session';
import { LocalSweepRecorder } from '../../sweep/local-record';
import { runSweep, type SweepUpdate } from '../../sweep/run-sweep';
import type { SweepSpec } from '../../sweep/spec';
import { createSweepState } from '../../sweep/sweep-state';
import { assertNever } from '../../shared/assert-never';
import { stopSignal, type SweepHost } from './sweep-host';
import { fmt, randomId, short } from './sweep-text';
import { trialRunner } from './trial-scope';
import type { BenchSweepOptions, BenchSweepResult, TrialFunction } from './types';

/** A sweep held in this kernel and kept in IndexedDB (the /sweeps page reads it). */
export async function runLocalSweep(host: SweepHost, spec: SweepSpec, specSource: string, fn: TrialFunction, options: BenchSweepOptions): Promise<BenchSweepResult> {
  const { session, say } = host;
  const id = randomId('lsw');
  const store = await host.openStore();
  const seed = options.seed ?? 0;
  const recorder = new LocalSweepRecorder(
    { id, projectId: session.context.projectId, notebookId: session.context.notebookId || null, name: options.name ?? spec.name ?? null, specSource, functionName: options.functionName ?? (fn.name || null) },
    createSweepState({ spec, seed }),
    store,
  );
  await recorder.save();
  host.print({ type: 'html-safe-markdown', markdown: `**Sweep ${id}** (${spec.method}${spec.metric ? `, ${spec.metric.goal} ${spec.metric.name}` : ''}): [open the sweep page](/sweeps/${id})` });
  const stop = stopSignal(session, async () => (await store.stopRequest(id))?.reason ?? null);
  const onUpdate = (u: SweepUpdate) => {
    switch (u.type) {
      case 'trial-started':
        say(`${u.trial.id} started: ${short(u.trial.config)}`);
        return void recorder.update(u.state, true);
      case 'epoch':
        return void recorder.update(u.state, false);
      case 'trial-ended':
        say(`${u.trial.id} ${u.trial.status} · ${spec.metric?.name ?? 'metric'} ${fmt(u.trial.metric)}${u.trial.reason ? ` · ${u.trial.reason}` : ''}`);
        return void recorder.update(u.state, true);
      case 'run-linked':
        return void recorder.linkRun({ trialId: u.trialId, runId: u.runId, agentId: 'local', attempt: u.attempt });
      case 'warning':
        return say(`warning (${u.trialId}): ${u.message}`, 'stderr');
      case 'sweep-ended':
        return;
      default:
        assertNever(u, 'sweep update');
    }
  };
  let result;
  try {
    result = await runSweep({ spec, seed, count: options.count, signal: stop.controller.signal, train: trialRunner(session, id, fn, () => stop.controller.abort('sweep stopped by user')), onUpdate });
  } catch (error) {
    await recorder.fail(error instanceof Error ? error.message : String(error));
    store.close();
    throw error;
  } finally {
    stop.dispose();
  }
  // A local sweep lives as long as this call: one that ended on `count` is over, not waiting for agents.
  const finalState = result.state.status === 'running' ? { ...result.state, status: 'finished' as const, reason: result.reason } : result.state;
  await recorder.close(finalState);
  store.close();
  if (recorder.lastError) say(`the sweep could not be saved for the sweep page: ${recorder.lastError}`, 'stderr');
  say(`sweep ${id} ended: ${result.reason}${result.best ? ` · best ${result.best.trialId} ${fmt(result.best.metric)} ${short(result.best.config)}` : ''}`);
  if (stop.byUser()) throw new InterruptedError(`Stopped by user: sweep ${id} ended after ${result.state.trials.length} trial(s)`);
  return { sweepId: id, reason: result.reason, trials: result.state.trials.length, best: result.best, url: `/sweeps/${id}` };
}
