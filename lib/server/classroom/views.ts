import type { ClassRecord, RosterRow, StudentState } from '@/lib/classroom/api';
import type { ServerEnv } from '../env';
import { ONLINE_WINDOW_MS } from './presence';
import type { ClassRow, RosterStudent } from './repo';

/** Database rows → the contract's wire shapes (lib/classroom/api.ts). */

/**
 * Where students open the class: BENCHTOP_PUBLIC_URL when the operator set it, else the origin
 * the teacher's request came to (the teacher UI may rebuild it from server-info's LAN URL).
 */
export function joinUrl(env: ServerEnv, req: Request, secure: boolean, code: string): string {
  const base = env.BENCHTOP_PUBLIC_URL?.replace(/\/+$/, '') ?? `${secure ? 'https' : 'http'}://${req.headers.get('host') ?? new URL(req.url).host}`;
  return `${base}/join/${code}`;
}

export function classRecord(row: ClassRow, url: string): ClassRecord {
  return { id: row.id, code: row.code, name: row.name, createdAt: row.createdAt, endedAt: row.endedAt, joinUrl: url, studentCount: row.studentCount };
}

/** A run's status as the roster shows it: a stopped run (e.g. early-stopped trial) is finished. */
function stateOf(status: string | null): StudentState {
  if (status === null) return 'idle';
  if (status === 'running') return 'running';
  if (status === 'failed' || status === 'crashed') return 'crashed';
  return 'finished';
}

export function rosterRow(s: RosterStudent, now: number): RosterRow {
  return {
    studentId: s.id,
    name: s.name,
    joinedAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    online: s.lastSeenAt !== null && now - s.lastSeenAt <= ONLINE_WINDOW_MS,
    state: stateOf(s.latestStatus),
    runs: s.runs,
    latestRunId: s.latestRunId,
  };
}
