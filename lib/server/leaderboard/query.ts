import { sql } from 'kysely';
import type { LeaderboardRow, MetricGoal } from '@/lib/classroom/api';
import type { Db } from '../db/connect';
import { stepsOfBest } from '../metrics/best-step';

/** What a leaderboard ranks: a class's students' runs on one metric, maybe of one assignment. */
export interface LeaderboardSpec {
  classId: string;
  /** Only runs of this assignment: of a student's copy of it, or trials of a class sweep started from one. */
  assignmentId: string | null;
  metric: string;
  goal: MetricGoal;
}

/** A stored ±Infinity is a diverged run, not a winner (and JSON cannot carry it): only finite bests rank. */
const FINITE_MAX = Number.MAX_VALUE;

interface BestRow {
  run_id: string;
  run_name: string;
  student_id: string;
  student_name: string;
  env: string;
  series_id: number;
  last_step: number;
  value: number;
}

/**
 * Each student's best run, ranked: one query over the class's runs (index runs(class_id,
 * student_id)) joined to their series of the metric (unique index (run_id, key)), whose
 * min_value / max_value already hold each run's best, so no point is read. A window picks each
 * student's best run (ties: the earlier run). Ranks are "1, 2, 2, 4" on equal values.
 */
export async function bestRunsPerStudent(db: Db, spec: LeaderboardSpec): Promise<BestRow[]> {
  const { rows } = await bestRunsQuery(spec).execute(db.kysely);
  return rows.map((r) => ({ ...r, value: Number(r.value), series_id: Number(r.series_id), last_step: Number(r.last_step) }));
}

/** The query itself (tests read its plan). */
export function bestRunsQuery(spec: LeaderboardSpec) {
  const best = sql.raw(spec.goal === 'min' ? 'ms.min_value' : 'ms.max_value');
  const order = sql.raw(spec.goal === 'min' ? 'asc' : 'desc');
  const ofAssignment = spec.assignmentId
    ? sql`and (r.notebook_id in (select id from notebooks where assignment_id = ${spec.assignmentId})
           or exists (select 1 from sweeps sw where sw.id = r.sweep_id and sw.class_id = ${spec.classId}
                      and sw.notebook_id in (select id from notebooks where assignment_id = ${spec.assignmentId})))`
    : sql``;
  return sql<BestRow>`
    select run_id, run_name, student_id, student_name, env, series_id, last_step, value from (
      select r.id as run_id, r.name as run_name, r.student_id as student_id, st.name as student_name, r.env as env,
             ms.id as series_id, ms.last_step as last_step, ${best} as value,
             row_number() over (partition by r.student_id order by ${best} ${order}, r.created_at, r.id) as pick
      from runs r
      join students st on st.id = r.student_id
      join metric_series ms on ms.run_id = r.id and ms.key = ${spec.metric}
      where r.class_id = ${spec.classId} and r.lifecycle_stage = 'active' and r.deleted_at is null
        and ${best} between ${-FINITE_MAX} and ${FINITE_MAX}
        ${ofAssignment}
    ) best
    where pick = 1
    order by value ${order}, student_name, student_id`;
}

/** Remembers where each best was logged, so a tick only walks the rollups of bests that changed. */
export type StepCache = Map<string, number>;

/**
 * The ranked rows. `value` is each run's best value of the metric (min for goal `min`, max for
 * `max`: what the student achieved, not where the run happened to stop), `step` the first step
 * where it was logged, `backend`/`adapter` what the run trained on (its env). A run whose best
 * is ±Infinity (diverged) does not count.
 */
export async function leaderboardRows(db: Db, spec: LeaderboardSpec, steps: StepCache = new Map()): Promise<LeaderboardRow[]> {
  const best = await bestRunsPerStudent(db, spec);
  const keyOf = (r: BestRow) => `${r.series_id}:${spec.goal}:${r.value}`;
  // Only bests not seen before are looked up: one walk down the rollups for all of them.
  const unknown = best.filter((r) => !steps.has(keyOf(r)));
  if (unknown.length > 0) {
    const found = await stepsOfBest(db.kysely, spec.goal, unknown.map((r) => ({ seriesId: r.series_id, value: r.value })));
    for (const r of unknown) {
      const step = found.get(r.series_id);
      if (step !== undefined) steps.set(keyOf(r), step);
    }
  }
  const used = new Set<string>();
  const rows: LeaderboardRow[] = [];
  for (const [i, r] of best.entries()) {
    const key = keyOf(r);
    used.add(key);
    // Not found: a write changed the series between the two reads. Show its latest step for
    // now (not remembered): the next tick finds the real one and sends the corrected row.
    const step = steps.get(key) ?? r.last_step;
    const env = envOf(r.env);
    const rank = i > 0 && best[i - 1].value === r.value ? rows[i - 1].rank : i + 1;
    rows.push({ rank, studentId: r.student_id, studentName: r.student_name, runId: r.run_id, runName: r.run_name, value: r.value, step, ...env });
  }
  for (const key of steps.keys()) if (!used.has(key)) steps.delete(key);
  return rows;
}

function envOf(text: string): { backend: string | null; adapter: string | null } {
  try {
    const env = JSON.parse(text) as { backend?: unknown; adapter?: unknown };
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    return { backend: str(env.backend), adapter: str(env.adapter) };
  } catch {
    return { backend: null, adapter: null };
  }
}
