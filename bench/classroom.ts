/**
 * npm run bench:classroom — a class of 30 on loopback against the standalone tracking server (its
 * own process): the teacher creates a class and publishes an assignment, 30 students join by code
 * and take their copy, then each logs a run of 2,000 points (loss + acc, 1,000 steps) with its own
 * student credential, batched as the browser's outbox sends them (bench/lib/load-writers.ts),
 * while the teacher's leaderboard stream (SSE) is open. SQLite by default; PostgreSQL when
 * DATABASE_URL is set or with `--postgres` (then DATABASE_URL must name a fresh database).
 *
 * Prints one JSON document: write latency p50/p95/p99 (ms), points written/stored/lost, and the
 * leaderboard update lag: for every new best a student's batch made (the batch's lowest loss
 * below everything before it), the time from that batch's acknowledgement to the stream's first
 * board showing it (p50/p95/max; the goal is p95 < 2 s). A best superseded by the next one before
 * a poll saw it is counted as `bestsSuperseded`, not as lag. `finalBoardLagMs`: from the last
 * write to the board showing every student's final best.
 *
 *   npm run bench:classroom
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/classroom1 npm run bench:classroom
 *   CLASS_STUDENTS=10 CLASS_POINTS=400 npm run bench:classroom
 */
import os from 'node:os';
import { Leaderboard } from '@/lib/classroom/api';
import { notebookFile } from '../test/server/classroom/classroom-fixture';
import { openSse } from '../test/server/classroom/sse-reader';
import { runLoad } from './lib/load-writers';
import { classOnServer, type ClassOnServer } from './lib/class-setup';
import { postgresWanted, withBenchServer } from './lib/bench-server';

const STUDENTS = Number(process.env.CLASS_STUDENTS ?? 30);
const POINTS = Number(process.env.CLASS_POINTS ?? 2_000);
/** Points per metric request: about what one 2 s outbox flush finds while a small model trains. */
const BATCH = Number(process.env.CLASS_BATCH ?? 100);
const PORT = Number(process.env.CLASS_PORT ?? 3918);

const usePostgres = postgresWanted();

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
const round = (x: number) => Math.round(x);

async function measure(baseUrl: string, token: string) {
  const cls: ClassOnServer = await classOnServer({ baseUrl, token, students: STUDENTS, notebook: notebookFile('bench-classroom') });
  const stream = await openSse(`${baseUrl}/api/v1/classes/${cls.classId}/leaderboard/stream?assignment=${cls.assignmentId}`, { authorization: `Bearer ${token}` });
  if (stream.status !== 200) throw new Error(`leaderboard stream: HTTP ${stream.status}`);
  await stream.next('leaderboard', 5_000);

  // Per student: the best loss so far, and when each new best's batch was acknowledged.
  const best = new Map<string, number>();
  const pendingBests = new Map<string, Map<number, number>>();
  const lags: number[] = [];
  let bestsMade = 0;
  const studentIdOf = (w: number) => cls.students[w].studentId;

  const watching = (async () => {
    for (;;) {
      let ev;
      try {
        ev = await stream.next('leaderboard', 600_000);
      } catch {
        return;
      }
      const board = Leaderboard.parse(JSON.parse(ev.data));
      for (const row of board.rows) {
        const pending = pendingBests.get(row.studentId);
        const ackAt = pending?.get(row.value);
        if (ackAt === undefined) continue;
        lags.push(Math.max(0, ev.atMs - ackAt));
        // Older bests can no longer show: they were superseded.
        for (const [value] of pending!) if (value >= row.value) pending!.delete(value);
      }
    }
  })();

  const result = await runLoad({
    baseUrl,
    token,
    writers: STUDENTS,
    pointsPerWriter: POINTS,
    pointsPerRequest: BATCH,
    projectId: 'classroom',
    writerOf: (w) => ({ token: cls.students[w].token, notebookId: cls.students[w].copyId }),
    onMetricsAck(w, points, ackAtMs) {
      const sid = studentIdOf(w);
      let low = Number.POSITIVE_INFINITY;
      for (const p of points) if (p.key === 'loss' && p.value < low) low = p.value;
      if (!(low < (best.get(sid) ?? Number.POSITIVE_INFINITY))) return;
      best.set(sid, low);
      bestsMade++;
      const pending = pendingBests.get(sid) ?? new Map<number, number>();
      pending.set(low, ackAtMs);
      pendingBests.set(sid, pending);
    },
  });
  const lastWrite = performance.now();

  // The final board: every student's final best shown.
  let finalBoardLagMs: number | null = null;
  for (let i = 0; i < 100; i++) {
    const ok = cls.students.every((st) => lags.length > 0 && !pendingBests.get(st.studentId)?.size);
    if (ok) {
      finalBoardLagMs = round(performance.now() - lastWrite);
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  stream.close();
  await watching;

  const sorted = [...lags].sort((a, b) => a - b);
  return {
    students: STUDENTS,
    ...result,
    leaderboard: {
      bestsMade,
      bestsShown: lags.length,
      bestsSuperseded: bestsMade - lags.length - [...pendingBests.values()].reduce((n, m) => n + m.size, 0),
      bestsNeverShown: [...pendingBests.values()].reduce((n, m) => n + m.size, 0),
      updateLagMs: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? 0) },
      finalBoardLagMs,
      goalP95Ms: 2_000,
    },
  };
}

async function main(): Promise<void> {
  const result = await withBenchServer({ port: PORT, postgres: usePostgres, name: 'classroom' }, measure);
  console.log(JSON.stringify({ database: usePostgres ? 'postgres' : 'sqlite', pointsPerStudent: POINTS, pointsPerRequest: BATCH, cpus: os.cpus().length, ...result }, null, 2));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
