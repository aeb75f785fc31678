'use client';

import Link from 'next/link';
import { Spinner } from '@/components/ui/card';
import { buttonClasses } from '@/components/ui/button';
import type { Assignment } from '@/lib/classroom/api';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { ClassroomFailureAlert } from './classroom-failure';
import { LeaderboardTable, StreamBadge, goalArrow } from './leaderboard-table';
import { StudentCopies } from './student-copies';
import { useLiveLeaderboard } from './use-live-leaderboard';

/** One assignment on the dashboard: its live leaderboard and the students' copies. */
export function AssignmentPanel({ conn, assignment }: { conn: ServerConnection; assignment: Assignment }) {
  const live = useLiveLeaderboard(conn, assignment.classId, { assignment: assignment.id, metric: assignment.metric, goal: assignment.goal });
  const headingId = `assignment-${assignment.id}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4" data-assignment-id={assignment.id}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold text-zinc-900">{assignment.title}</h3>
          <p className="text-xs text-zinc-600">
            Leaderboard on <span className="font-mono">{assignment.metric}</span> ({goalArrow(assignment.goal)})
          </p>
        </div>
        <div className="flex items-center gap-2">
          <StreamBadge state={live.stream} detail={live.streamDetail} />
          <Link href={`/classes/${encodeURIComponent(assignment.classId)}/projector?assignment=${encodeURIComponent(assignment.id)}`} className={buttonClasses('secondary', 'sm')}>
            Projector view
          </Link>
        </div>
      </div>
      {live.failure && !live.board && <ClassroomFailureAlert failure={live.failure} what="The leaderboard could not be loaded" />}
      {live.board ? <LeaderboardTable board={live.board} label={`Leaderboard: ${assignment.title}`} /> : !live.failure && <Spinner label="Loading the leaderboard" />}
      <div className="space-y-2">
        <h4 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase">Student copies</h4>
        <StudentCopies conn={conn} classId={assignment.classId} assignmentId={assignment.id} />
      </div>
    </section>
  );
}
