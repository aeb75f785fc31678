import type { Leaderboard } from '@/lib/classroom/api';
import type { Db } from '../db/connect';
import { leaderboardRows, type LeaderboardSpec, type StepCache } from './query';

/**
 * Live leaderboards for SSE streams: one poller per (class, assignment, metric, goal) shared by
 * every open stream of it, so 30 projectors and student tabs cost one query per tick, not 30. The
 * poller starts with the first stream and stops with the last. It sends a board only when its
 * rows changed, and `ended` once the class has ended (then stops).
 */

export const LEADERBOARD_STREAM_LIMITS = {
  /** How often a poller re-reads its leaderboard (ms): a new point shows within this plus one query. */
  pollMs: 500,
  /** Open streams per class, all viewers together. */
  perClass: 200,
  /** Open streams per viewer (a student, or the workspace from one peer address) in one class. */
  perViewer: 8,
} as const;

export interface LeaderboardListener {
  board(board: Leaderboard): void;
  /** The class ended: say so, then close. */
  ended(): void;
  /** The server is shutting down: close without a word (EventSource reconnects later). */
  closed(): void;
}

export class TooManyStreams extends Error {}

export interface LeaderboardHub {
  /** Starts (or joins) the spec's poller; the listener gets the current board at once when there is one. Throws TooManyStreams. */
  subscribe(spec: LeaderboardSpec, viewer: string, listener: LeaderboardListener): () => void;
  /** Open streams of a class (tests and the bench look). */
  openStreams(classId: string): number;
  /** Running pollers (one per distinct leaderboard with open streams). */
  pollerCount(): number;
  /** Ends every stream and stops every poller (server shutdown). */
  close(): void;
}

interface Poller {
  spec: LeaderboardSpec;
  listeners: Set<LeaderboardListener>;
  timer: ReturnType<typeof setInterval>;
  latest: Leaderboard | null;
  rowsJson: string;
  steps: StepCache;
  busy: boolean;
}

export function leaderboardHub(deps: { db: Db; log: (line: string) => void }): LeaderboardHub {
  const pollers = new Map<string, Poller>();
  /** Per class: open streams per viewer. */
  const viewers = new Map<string, Map<string, number>>();

  const keyOf = (s: LeaderboardSpec) => JSON.stringify([s.classId, s.assignmentId, s.metric, s.goal]);

  const stop = (key: string) => {
    const p = pollers.get(key);
    if (!p) return;
    clearInterval(p.timer);
    pollers.delete(key);
  };

  const tick = async (key: string, p: Poller) => {
    if (p.busy) return; // a slow query must not pile up behind itself
    p.busy = true;
    try {
      const cls = await deps.db.kysely.selectFrom('classes').select('ended_at').where('id', '=', p.spec.classId).executeTakeFirst();
      if (!cls || cls.ended_at !== null) {
        stop(key);
        for (const l of [...p.listeners]) l.ended();
        return;
      }
      const rows = await leaderboardRows(deps.db, p.spec, p.steps);
      const rowsJson = JSON.stringify(rows);
      if (p.latest && rowsJson === p.rowsJson) return;
      p.rowsJson = rowsJson;
      p.latest = { assignmentId: p.spec.assignmentId, metric: p.spec.metric, goal: p.spec.goal, rows, updatedAt: Date.now() };
      for (const l of [...p.listeners]) l.board(p.latest);
    } catch (err) {
      // The next tick tries again (a busy database, PostgreSQL restarting); streams stay open.
      deps.log(`[benchtop] leaderboard poll of class ${p.spec.classId} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      p.busy = false;
    }
  };

  return {
    subscribe(spec, viewer, listener) {
      const counts = viewers.get(spec.classId) ?? new Map<string, number>();
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const mine = counts.get(viewer) ?? 0;
      if (total >= LEADERBOARD_STREAM_LIMITS.perClass) throw new TooManyStreams(`this class already has ${total} open leaderboard streams; the limit is ${LEADERBOARD_STREAM_LIMITS.perClass}`);
      if (mine >= LEADERBOARD_STREAM_LIMITS.perViewer) throw new TooManyStreams(`you already have ${mine} open leaderboard streams of this class; the limit is ${LEADERBOARD_STREAM_LIMITS.perViewer} (close another tab)`);
      counts.set(viewer, mine + 1);
      viewers.set(spec.classId, counts);

      const key = keyOf(spec);
      const p = pollers.get(key);
      if (!p) {
        const created: Poller = { spec, listeners: new Set(), timer: setInterval(() => void tick(key, created), LEADERBOARD_STREAM_LIMITS.pollMs), latest: null, rowsJson: '', steps: new Map(), busy: false };
        created.timer.unref?.();
        pollers.set(key, created);
        created.listeners.add(listener);
        void tick(key, created);
      } else {
        p.listeners.add(listener);
        if (p.latest) listener.board(p.latest);
      }

      let open = true;
      return () => {
        if (!open) return;
        open = false;
        const left = (counts.get(viewer) ?? 1) - 1;
        if (left > 0) counts.set(viewer, left);
        else counts.delete(viewer);
        if (counts.size === 0) viewers.delete(spec.classId);
        const poller = pollers.get(key);
        if (!poller) return;
        poller.listeners.delete(listener);
        if (poller.listeners.size === 0) stop(key);
      };
    },
    openStreams(classId) {
      return [...(viewers.get(classId)?.values() ?? [])].reduce((a, b) => a + b, 0);
    },
    pollerCount: () => pollers.size,
    close() {
      for (const [key, p] of [...pollers]) {
        stop(key);
        for (const l of [...p.listeners]) l.closed();
      }
    },
  };
}
