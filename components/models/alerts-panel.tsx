'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatMetric } from '@/components/ui/format';
import { COMPARATORS, type AlertRuleWire, type AlertTarget, type Comparator } from '@/lib/serving/alerts-api';
import { alertsApi } from '@/lib/serving/client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { fromWireNumber } from '@/lib/track/wire-number';
import { usePolled } from './use-polled';
import { useWrite } from './use-write';

const POLL_MS = 5_000;

function targetText(t: AlertTarget, currentVersion?: number | null): string {
  if (t.kind === 'run') return `run ${t.runId}`;
  if (t.alias === undefined) return `v${t.version}`;
  return currentVersion === undefined ? `@${t.alias}` : `@${t.alias} (${currentVersion === null ? 'unset' : `now v${currentVersion}`})`;
}

function RuleRow({ rule, onDelete }: { rule: AlertRuleWire; onDelete: () => void }) {
  const last = rule.events[0];
  return (
    <li className="flex flex-wrap items-center gap-2 text-xs" data-testid="alert-rule" data-state={rule.state}>
      <Badge tone={rule.state === 'firing' ? 'red' : 'green'} dot>{rule.state}</Badge>
      <span className="font-mono">{`${targetText(rule.target, rule.currentVersion)}: ${rule.metric} ${rule.comparator === 'not_finite' ? 'is not finite' : `${rule.comparator} ${rule.threshold}`}`}{rule.target.kind === 'model' ? ` over ${rule.windowMinutes} min` : ''}</span>
      <span className="text-zinc-500">{`now ${formatMetric(rule.lastValue === null ? null : fromWireNumber(rule.lastValue))}`}</span>
      {last && <span className="text-zinc-500" title={last.lastError ?? undefined}>{`fired ${new Date(last.firedAt).toLocaleTimeString()} · webhook ${last.delivery.replace('_', ' ')}`}</span>}
      <Button size="sm" onClick={onDelete}>Delete</Button>
    </li>
  );
}

/** Alert rules of a model (its versions) or a run, with a form to add one. */
export function AlertsPanel({ conn, filter, targets, metrics }: { conn: ServerConnection; filter: { model?: string; runId?: string }; targets: AlertTarget[]; metrics: readonly string[] }) {
  const { data, error, reload } = usePolled(() => alertsApi.list(conn, filter), `${conn.baseUrl}|${JSON.stringify(filter)}`, POLL_MS);
  const [target, setTarget] = useState(0);
  const [metric, setMetric] = useState(metrics[0] ?? '');
  const [comparator, setComparator] = useState<Comparator>('>');
  const [threshold, setThreshold] = useState('0.2');
  const [windowMinutes, setWindowMinutes] = useState('10');
  const { message, run: act } = useWrite(reload);
  const field = 'rounded-md border border-zinc-300 px-2 py-1 text-sm text-zinc-900';
  return (
    <div className="space-y-3">
      {error && <p className="text-xs text-red-700">Alert rules could not be read: {error}</p>}
      {data && !data.webhookConfigured && <p className="text-xs text-amber-800">No webhook is set: rules show here but notify no one (PUT /api/v1/alerts/webhook, workspace owner).</p>}
      <ul className="space-y-1">
        {data?.rules.map((r) => (
          <RuleRow key={r.id} rule={r} onDelete={() => void act(() => alertsApi.remove(conn, r.id))} />
        ))}
      </ul>
      {targets.length > 0 && (
        <form
          className="flex flex-wrap items-end gap-2 text-xs text-zinc-600"
          aria-label="Add an alert rule"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => alertsApi.create(conn, { target: targets[target], metric, comparator, threshold: Number(threshold), windowMinutes: Number(windowMinutes) }));
          }}
        >
          {targets.length > 1 && (
            <label className="flex flex-col gap-1">
              Version or alias
              <select className={field} value={target} onChange={(e) => setTarget(Number(e.target.value))}>
                {targets.map((t, i) => (
                  <option key={targetText(t)} value={i}>{targetText(t)}</option>
                ))}
              </select>
            </label>
          )}
          <label className="flex flex-col gap-1">
            Metric
            {metrics.length > 0 ? (
              <select className={field} value={metric} onChange={(e) => setMetric(e.target.value)}>
                {metrics.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            ) : (
              <input className={field} value={metric} onChange={(e) => setMetric(e.target.value)} placeholder="train/loss" />
            )}
          </label>
          <label className="flex flex-col gap-1">
            When
            <select className={field} value={comparator} onChange={(e) => setComparator(e.target.value as Comparator)}>
              {COMPARATORS.map((c) => (
                <option key={c} value={c}>{c === 'not_finite' ? 'is NaN/Inf' : c}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Threshold
            <input className={`${field} w-20`} inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} disabled={comparator === 'not_finite'} />
          </label>
          {targets[0]?.kind === 'model' && (
            <label className="flex flex-col gap-1">
              Window (min)
              <input className={`${field} w-16`} inputMode="numeric" value={windowMinutes} onChange={(e) => setWindowMinutes(e.target.value)} />
            </label>
          )}
          <Button type="submit">Add rule</Button>
        </form>
      )}
      {message && <p role="status" className="text-xs text-red-700">{message}</p>}
    </div>
  );
}
