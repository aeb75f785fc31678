import type { ClassroomRepo } from './repo';

/** Seen within this long: online on the roster. */
export const ONLINE_WINDOW_MS = 30_000;
/** At most one last_seen_at write per student per this long (a busy student sends many requests). */
export const TOUCH_EVERY_MS = 10_000;

export interface Presence {
  /** Records that the student made a request now (throttled; never fails the request). */
  seen(studentId: string): Promise<void>;
}

export function presence(repo: ClassroomRepo, log: (line: string) => void, now: () => number = Date.now): Presence {
  const lastWrite = new Map<string, number>();
  return {
    async seen(studentId) {
      const t = now();
      if (t - (lastWrite.get(studentId) ?? -Infinity) < TOUCH_EVERY_MS) return;
      lastWrite.set(studentId, t);
      // Presence is a hint: a busy database must not turn a student's write into an error.
      await repo.touch(studentId, t).catch((err: unknown) => log(`[benchtop] last-seen of ${studentId} not recorded: ${String(err)}`));
    },
  };
}
