'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CodeBlock } from '@/components/ui/code-block';
import { SweepAccessHelp } from '@/components/student/sweep-access-help';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { SweepRecord } from '@/lib/sweep/api';
import { sweepProgress } from '@/lib/sweep/progress';
import { parseKernelUrlParams } from '@/lib/notebook/url-params';
import { SweepProgressBar } from './sweep-progress';
import { useSweep } from './use-sweep';
import { useSweepAgent, type AgentPhase, type AgentView } from './use-sweep-agent';

const PHASE: Record<AgentPhase, { tone: BadgeTone; text: string }> = {
  idle: { tone: 'neutral', text: 'not joined' },
  starting: { tone: 'blue', text: 'starting the kernel' },
  setup: { tone: 'blue', text: 'running the notebook cells' },
  working: { tone: 'accent', text: 'working on trials' },
  leaving: { tone: 'amber', text: 'leaving' },
  left: { tone: 'amber', text: 'left the sweep' },
  done: { tone: 'green', text: 'done: the sweep has no more trials' },
  failed: { tone: 'red', text: 'failed' },
};

/**
 * /sweeps/[id]/join: this browser becomes one of the sweep's agents. Nothing runs until the user
 * has seen the code and pressed Join (a link must not run code by itself). `?backend=` and
 * `?param.<name>=` work as on the notebook page.
 */
export function JoinView({ sweepId }: { sweepId: string }) {
  const { load, refresh } = useSweep(sweepId);
  if (load.status === 'loading') return <Spinner label="Loading sweep" />;
  if (load.status === 'missing') return <EmptyState title={`No sweep ${sweepId} on the server`}>Check the link, or the server in the sync settings.</EmptyState>;
  if (load.status === 'error') return <SweepAccessHelp title="The sweep could not be loaded" error={load.error} />;
  if (load.record.origin !== 'server') return <Alert title="Local sweeps cannot be joined">This sweep runs in one notebook only. Use server: true in the sweep cell to let other browsers join.</Alert>;
  return <Joiner record={load.record} onAgentEnded={refresh} />;
}

function Joiner({ record, onAgentEnded }: { record: SweepRecord; onAgentEnded: () => void }) {
  // Read once on the client (this view renders only after the sweep loaded in the browser).
  const { backend, params } = useMemo(() => parseKernelUrlParams(new URLSearchParams(typeof window === 'undefined' ? '' : window.location.search)), []);
  const { view, join, leave } = useSweepAgent(record, { backend: backend ?? 'auto', params });
  const cells = record.code?.cells ?? [];
  const counts = record.state.trials.reduce<Record<string, number>>((c, t) => ({ ...c, [t.status]: (c[t.status] ?? 0) + 1 }), {});
  const active = ['starting', 'setup', 'working', 'leaving'].includes(view.phase);
  const over = record.status !== 'running';
  const ended = view.phase === 'done' || view.phase === 'left' || view.phase === 'failed';
  // Re-read the sweep as soon as this agent ends, rather than at the next poll.
  useEffect(() => {
    if (ended) onAgentEnded();
  }, [ended, onAgentEnded]);

  return (
    <div className="space-y-6">
      <PageHeader
        title={`Join ${record.name ?? record.id}`}
        subtitle={
          <span>
            {record.state.spec.method} sweep · {record.state.trials.length} trial(s) so far
            {Object.entries(counts).map(([s, n]) => ` · ${n} ${s}`).join('')} · <Link href={`/sweeps/${encodeURIComponent(record.id)}`} className="text-accent-700 underline underline-offset-2">sweep page</Link>
          </span>
        }
        actions={
          active ? (
            <Button variant="danger" onClick={() => void leave()} disabled={view.phase === 'leaving'}>Leave</Button>
          ) : (
            <Button variant="primary" onClick={() => void join()} disabled={over || view.phase === 'done' || cells.length === 0 || !record.functionName} data-testid="join-button">
              Join and run this code
            </Button>
          )
        }
      />
      <SweepProgressBar progress={sweepProgress(record.state)} live={!over} />
      {over && view.phase === 'idle' && <Alert tone="amber" title={`This sweep is ${record.status}`}>{record.reason ?? ''} Nothing is left to run.</Alert>}
      <AgentStatus view={view} />
      <Section title={`Code every agent runs (${cells.length} cell${cells.length === 1 ? '' : 's'}), then ${record.functionName ?? '?'}(config) per trial`}>
        {cells.length === 0 ? <p className="text-xs text-zinc-500">This sweep was created without notebook code.</p> : cells.map((c, i) => <CodeBlock key={c.cellId} code={c.source} label={`Cell ${i + 1}`} />)}
      </Section>
    </div>
  );
}

function AgentStatus({ view }: { view: AgentView }) {
  const phase = PHASE[view.phase];
  const p = view.progress;
  return (
    <section aria-label="Agent status" data-testid="agent-status" data-phase={view.phase} className="space-y-2 rounded-lg border border-zinc-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Badge tone={phase.tone} dot>{phase.text}</Badge>
        {view.agentId && <span className="font-mono text-xs text-zinc-500">agent {view.agentId}</span>}
        {view.backend && <span className="text-xs text-zinc-500">backend {view.backend}</span>}
        {view.phase === 'setup' && <span className="text-xs text-zinc-500">cell {view.setup.done + 1} of {view.setup.total}</span>}
        {view.trialsEnded > 0 && <span className="text-xs text-zinc-500" data-testid="agent-trials">{view.trialsEnded} trial(s) ended here</span>}
      </div>
      {view.error && (/\bHTTP 40[13]\b/.test(view.error) ? <SweepAccessHelp title="This browser cannot take trials" error={view.error} /> : <p className="text-sm text-red-700">{view.error}</p>)}
      {view.current && <p className="font-mono text-xs text-zinc-800">{view.current}</p>}
      {view.current && p && (
        <div className="space-y-1">
          <ProgressBar value={(p.epoch - 1 + p.batch / p.batchesPerEpoch) / p.epochs} label="Trial progress" />
          <p className="text-xs text-zinc-500">epoch {p.epoch}/{p.epochs}{p.samplesPerSec ? ` · ${Math.round(p.samplesPerSec)} samples/s` : ''}</p>
        </div>
      )}
      {view.log.length > 0 && <AgentLog lines={view.log} />}
    </section>
  );
}

/** The agent's output, kept scrolled to the newest line. */
function AgentLog({ lines }: { lines: string[] }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <pre ref={box} aria-label="Agent log" className="max-h-64 overflow-y-auto rounded bg-zinc-50 p-2 font-mono text-[11px] leading-4 whitespace-pre-wrap text-zinc-700">
      {lines.join('\n')}
    </pre>
  );
}
