import type { AgentStatus } from '../../sweep/agent';
import { assertNever } from '../../shared/assert-never';

/** A random id with a prefix, e.g. `lsw-3kq0…` for a local sweep. */
export const randomId = (prefix: string) => `${prefix}-${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 12)}`;

/** `{lr: 0.0581, units: 8}`: configs as a line, numbers to 4 significant digits. */
export const short = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(4)) : x))
    ?.replace(/"([A-Za-z_$][\w$]*)":/g, '$1: ')
    .replace(/,(?=[^\s])/g, ', ') ?? String(v);

/** A metric value to 4 significant digits, `—` when there is none. */
export const fmt = (v: number | null) => (v === null ? '—' : Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

export type Say = (text: string, stream?: 'stdout' | 'stderr') => void;

/** Agent statuses as cell output lines; repeated "waiting" lines are printed once. */
export function statusPrinter(say: Say): (s: AgentStatus) => void {
  let lastWait = '';
  return (s) => {
    if (s.kind !== 'waiting') lastWait = '';
    switch (s.kind) {
      case 'training':
        return say(`${s.trialId} leased (attempt ${s.attempt}): ${short(s.config)}`);
      case 'trial-ended':
        return say(`${s.trialId} ${s.status} · metric ${fmt(s.metric)}${s.reason ? ` · ${s.reason}` : ''}${s.note ? ` (${s.note})` : ''}`);
      case 'waiting':
        if (s.reason !== lastWait) say(`waiting: ${s.reason}`);
        lastWait = s.reason;
        return;
      case 'retrying':
        return say(`${s.what} failed (${s.error}); retrying in ${Math.round(s.retryInMs / 100) / 10} s`, 'stderr');
      case 'warning':
        return say(`warning: ${s.message}`, 'stderr');
      case 'done':
        return say(`agent done after ${s.trials} trial(s): ${s.reason}`);
      case 'leasing':
      case 'epoch':
        return;
      default:
        assertNever(s, 'agent status');
    }
  };
}
