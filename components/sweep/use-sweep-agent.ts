'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { KernelClient } from '@/lib/kernel/client';
import { createBrowserKernel } from '@/lib/worker/browser-kernel';
import type { BackendChoice, KernelEvent, TrainingProgress } from '@/lib/kernel/protocol';
import { createSyncKicker } from '@/lib/runs/sync-kicker';
import type { SweepRecord } from '@/lib/sweep/api';
import { getSyncController } from '@/lib/track/sync-controller';
import { serverConnection } from './sweep-sources';

export type AgentPhase = 'idle' | 'starting' | 'setup' | 'working' | 'leaving' | 'left' | 'done' | 'failed';

export interface AgentView {
  phase: AgentPhase;
  agentId: string;
  /** The backend the kernel really uses. */
  backend: string | null;
  setup: { done: number; total: number };
  /** The trial being trained, as the agent printed it (`trial-3 leased (attempt 1): {…}`). */
  current: string | null;
  trialsEnded: number;
  progress: TrainingProgress | null;
  /** The agent's output, newest last (at most LOG_LINES). */
  log: string[];
  error: string | null;
}

const LOG_LINES = 200;
const AGENT_CELL = 'sweep-agent';

const newAgentId = () => `browser-${crypto.randomUUID().slice(0, 8)}`;

/**
 * This tab as a sweep agent: a kernel of its own runs the sweep's notebook cells (which define
 * the data and the training function), then `bench.sweep.join`, which leases trials from the
 * server, trains them here, reports every epoch (Hyperband is decided on the server), renews its
 * lease while training and exits when the sweep is done. Leaving stops the kernel: the trial in
 * progress is not reported and its lease runs out, so another agent gets it.
 */
export function useSweepAgent(record: SweepRecord | null, options: { backend: BackendChoice; params: Record<string, string | number> }) {
  const [view, setView] = useState<AgentView>(() => ({ phase: 'idle', agentId: '', backend: null, setup: { done: 0, total: 0 }, current: null, trialsEnded: 0, progress: null, log: [], error: null }));
  const kernel = useRef<KernelClient | null>(null);
  const latest = useRef(options);
  latest.current = options;

  const patch = (p: Partial<AgentView> | ((v: AgentView) => Partial<AgentView>)) => setView((v) => ({ ...v, ...(typeof p === 'function' ? p(v) : p) }));

  const onEvent = useCallback((event: KernelEvent) => {
    if (event.type === 'progress') patch({ progress: event.progress });
    if (event.type !== 'output') return;
    const { output } = event;
    const text = output.type === 'text' || output.type === 'value' ? output.text : output.type === 'error' ? `${output.error.name}: ${output.error.message}` : null;
    if (text === null) return;
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    patch((v) => {
      let { current, trialsEnded } = v;
      for (const line of lines) {
        if (/^trial-\d+ leased/.test(line)) current = line;
        else if (/^trial-\d+ (finished|stopped|failed)/.test(line)) [current, trialsEnded] = [null, trialsEnded + 1];
      }
      return { current, trialsEnded, log: [...v.log, ...lines].slice(-LOG_LINES) };
    });
  }, []);

  const join = useCallback(async () => {
    if (!record || kernel.current) return;
    const cells = record.code?.cells ?? [];
    const fn = record.functionName;
    const agentId = newAgentId();
    if (!fn) return patch({ phase: 'failed', error: 'This sweep names no training function, so a browser cannot run its trials.' });
    patch({ phase: 'starting', agentId, setup: { done: 0, total: cells.length }, log: [], error: null, trialsEnded: 0, current: null });
    const client = createBrowserKernel({ notebookId: `join-${record.id}`, projectId: record.projectId, owner: null, backend: latest.current.backend, params: latest.current.params });
    kernel.current = client;
    client.onEvent(onEvent);
    client.onEvent(createSyncKicker({ kick: () => getSyncController().kick() }));
    try {
      const info = await client.ready();
      patch({ backend: info.backend, phase: 'setup' });
      for (const [i, cell] of cells.entries()) {
        const outcome = await client.execute({ cellId: cell.cellId, source: cell.source, language: 'typescript', notebookCells: cells });
        if (!outcome.ok) throw new Error(`notebook cell ${i + 1} failed: ${outcome.error.name}: ${outcome.error.message}${outcome.error.line ? ` (line ${outcome.error.line})` : ''}`);
        patch({ setup: { done: i + 1, total: cells.length } });
      }
      patch({ phase: 'working' });
      const { baseUrl, token } = serverConnection();
      const joinOptions = { agentId, ...(baseUrl ? { baseUrl } : {}), ...(token ? { token } : {}) };
      const source =
        `if (typeof ${fn} !== 'function') throw new ReferenceError(${JSON.stringify(`the sweep's notebook code defines no function ${fn}`)});\n` +
        // void: the agent already printed its summary; the result object stays out of the log.
        `void (await bench.sweep.join(${JSON.stringify(record.id)}, ${fn}, ${JSON.stringify(joinOptions)}));`;
      // The run's code snapshot is the sweep's cells: the join line (and a token) stay out of it.
      const outcome = await client.execute({ cellId: AGENT_CELL, source, language: 'javascript', notebookCells: cells });
      if (outcome.ok) patch({ phase: 'done', current: null, progress: null });
      else if (outcome.error.name === 'Interrupted' || outcome.error.name === 'KernelRestarted') patch({ phase: 'left', current: null, progress: null });
      else throw new Error(`${outcome.error.name}: ${outcome.error.message}`);
    } catch (error) {
      patch({ phase: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      client.dispose();
      if (kernel.current === client) kernel.current = null;
    }
  }, [record, onEvent]);

  const leave = useCallback(async () => {
    const client = kernel.current;
    if (!client) return;
    patch({ phase: 'leaving' });
    await client.stop();
    client.dispose();
    kernel.current = null;
    patch({ phase: 'left', current: null, progress: null });
  }, []);

  // Closing the page ends the agent; its lease expires and the trial goes to someone else.
  useEffect(() => () => kernel.current?.dispose(), []);

  return { view, join, leave };
}
