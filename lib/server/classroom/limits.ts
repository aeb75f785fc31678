import type { ServerEnv } from '../env';
import { formatBytes } from '../http/body';
import { TooManyRequests } from '../http/errors';
import type { StudentPrincipal } from './principal';
import type { ClassroomRepo } from './repo';
import { tokenBuckets } from './token-bucket';

/**
 * Per-student limits (issue 12), so one runaway training loop cannot drown the server the whole
 * class shares: new runs per minute, metric points per second (with a burst of at least one
 * full batch), artifact bytes in all (counted from the database, so it survives restarts), and
 * joins per client address (a wrong code costs a try). Each refusal is a 429 naming the limit.
 */
export interface ClassroomLimits {
  newRun(student: StudentPrincipal): void;
  points(student: StudentPrincipal, count: number): void;
  artifact(student: StudentPrincipal, addingBytes: number): Promise<void>;
  join(address: string): void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function classroomLimits(env: ServerEnv, repo: ClassroomRepo, now: () => number = Date.now): ClassroomLimits {
  const runs = tokenBuckets({ perSecond: env.BENCHTOP_STUDENT_RUNS_PER_MIN / 60, burst: env.BENCHTOP_STUDENT_RUNS_PER_MIN, now });
  const points = tokenBuckets({ perSecond: env.BENCHTOP_STUDENT_POINTS_PER_S, burst: env.BENCHTOP_STUDENT_POINTS_BURST, now });
  const joins = tokenBuckets({ perSecond: env.BENCHTOP_JOINS_PER_MIN / 60, burst: env.BENCHTOP_JOINS_PER_MIN, now });
  return {
    newRun(student) {
      const r = runs.take(student.id);
      if (!r.ok) {
        throw new TooManyRequests(`too many new runs: a student may start ${fmt(env.BENCHTOP_STUDENT_RUNS_PER_MIN)} runs per minute; retry in ${r.retryAfterS} s`, r.retryAfterS);
      }
    },
    points(student, count) {
      const r = points.take(student.id, count);
      if (!r.ok) {
        throw new TooManyRequests(
          `too many metric points: a student may log ${fmt(env.BENCHTOP_STUDENT_POINTS_PER_S)} points per second (bursts up to ${fmt(env.BENCHTOP_STUDENT_POINTS_BURST)}); nothing of this batch was stored, retry in ${r.retryAfterS} s`,
          r.retryAfterS,
        );
      }
    },
    async artifact(student, addingBytes) {
      const limit = env.BENCHTOP_STUDENT_ARTIFACT_BYTES;
      const used = await repo.artifactBytes(student);
      if (used + addingBytes > limit) {
        // Not a matter of waiting: Retry-After is long, and the sentence says what would help.
        throw new TooManyRequests(
          `artifact storage limit: a student may store ${formatBytes(limit)} of artifacts; ${formatBytes(used)} are used and this upload is ${formatBytes(addingBytes)} (ask the teacher to raise BENCHTOP_STUDENT_ARTIFACT_BYTES)`,
          3600,
        );
      }
    },
    join(address) {
      const r = joins.take(address);
      if (!r.ok) throw new TooManyRequests(`too many join attempts from this address: ${fmt(env.BENCHTOP_JOINS_PER_MIN)} per minute; retry in ${r.retryAfterS} s`, r.retryAfterS);
    },
  };
}
