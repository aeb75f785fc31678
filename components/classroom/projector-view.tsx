'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { formatMetric } from '@/components/ui/format';
import type { Assignment, ClassRecord, Leaderboard } from '@/lib/classroom/api';
import { teacherApi } from '@/lib/classroom/teacher-client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { ClassroomFailureAlert } from './classroom-failure';
import { backendLabel, goalArrow } from './leaderboard-table';
import { QrCode } from './qr-code';
import { useWorkspaceConnection } from './use-connection';
import { useJoinLink } from './use-join-link';
import { useLiveLeaderboard } from './use-live-leaderboard';
import { usePolled } from './use-polled';

/** Rows a projector shows; the rest are counted (the back row cannot read a scrolling list). */
const SHOWN_ROWS = 10;

/** F toggles full screen (Esc leaves it, as everywhere); ignored while typing in a field. */
function useFullscreenKey() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'f' && e.key !== 'F') return;
      if (e.ctrlKey || e.metaKey || e.altKey || (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]'))) return;
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => {});
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * /classes/[id]/projector: the leaderboard in type readable from the back of a room, with the
 * join code and QR in a corner for latecomers. Covers the app's navigation (dark, full window).
 */
export function ProjectorView({ classId, assignmentId }: { classId: string; assignmentId: string | null }) {
  const conn = useWorkspaceConnection();
  useFullscreenKey();
  const cls = usePolled(() => teacherApi.getClass(conn, classId), 30_000, [conn, classId]);
  const assignments = usePolled(() => teacherApi.assignments(conn, classId), 15_000, [conn, classId]);
  // The asked-for assignment, else the newest one.
  const assignment = assignments.value
    ? (assignments.value.find((a) => a.id === assignmentId) ?? (assignmentId ? undefined : [...assignments.value].sort((a, b) => b.createdAt - a.createdAt)[0]))
    : undefined;
  const failure = cls.failure ?? assignments.failure;
  return (
    <div className="fixed inset-0 z-40 overflow-auto bg-zinc-950 text-zinc-50" data-testid="projector">
      <div className="flex min-h-full flex-col gap-6 p-4 sm:p-8 lg:flex-row lg:gap-10 lg:p-12">
        <div className="min-w-0 flex-1 space-y-6">
          {failure && !cls.value ? (
            <ClassroomFailureAlert failure={failure} what="The class could not be loaded" />
          ) : (
            <ProjectorBoard conn={conn} classId={classId} className={cls.value?.name ?? ''} assignment={assignment} missing={assignmentId !== null && assignments.value !== undefined && !assignment} />
          )}
        </div>
        {cls.value && <JoinCorner conn={conn} cls={cls.value} />}
      </div>
      <p className="fixed right-3 bottom-2 text-xs text-zinc-400">
        <kbd className="font-mono">F</kbd> full screen · <Link href={`/classes/${encodeURIComponent(classId)}`} className="underline underline-offset-2">dashboard</Link>
      </p>
    </div>
  );
}

function ProjectorBoard({ conn, classId, className, assignment, missing }: { conn: ServerConnection; classId: string; className: string; assignment: Assignment | undefined; missing: boolean }) {
  return (
    <>
      <header className="space-y-1">
        <p className="text-lg text-zinc-300 sm:text-2xl">{className}</p>
        <h1 className="text-3xl font-bold tracking-tight break-words sm:text-5xl">{assignment?.title ?? (missing ? 'That assignment is not in this class' : 'Leaderboard')}</h1>
        {assignment && (
          <p className="text-lg text-zinc-300 sm:text-2xl">
            <span className="font-mono">{assignment.metric}</span> · {goalArrow(assignment.goal)}
          </p>
        )}
      </header>
      {assignment ? <LiveRows conn={conn} classId={classId} assignment={assignment} /> : !missing && <p className="text-2xl text-zinc-300">No assignment yet: publish a notebook from the dashboard.</p>}
    </>
  );
}

function LiveRows({ conn, classId, assignment }: { conn: ServerConnection; classId: string; assignment: Assignment }) {
  const live = useLiveLeaderboard(conn, classId, { assignment: assignment.id, metric: assignment.metric, goal: assignment.goal });
  if (!live.board) return <p className="text-2xl text-zinc-300" role="status">{live.failure ? live.failure.message : 'Loading…'}</p>;
  return <ProjectorRows board={live.board} stale={live.stream !== 'live'} />;
}

const MEDAL = ['text-amber-300', 'text-zinc-200', 'text-orange-300'];

function ProjectorRows({ board, stale }: { board: Leaderboard; stale: boolean }) {
  if (board.rows.length === 0) return <p className="text-2xl text-zinc-300 sm:text-4xl">Waiting for the first result…</p>;
  const shown = board.rows.slice(0, SHOWN_ROWS);
  return (
    <div className="space-y-3">
      <table className="w-full table-fixed border-separate border-spacing-y-2" aria-label="Leaderboard" data-testid="projector-leaderboard">
        {/* A fixed layout takes its widths from here: the name gets what rank, value and backend leave. */}
        <colgroup>
          <col className="w-14 sm:w-24" />
          <col />
          <col className="w-32 sm:w-60" />
          <col className="hidden md:table-column md:w-72" />
        </colgroup>
        <thead className="sr-only">
          <tr><th scope="col">Rank</th><th scope="col">Student</th><th scope="col">{board.metric}</th><th scope="col">Trained on</th></tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.studentId} className="bg-zinc-900" data-student={r.studentName}>
              <td className={`rounded-l-lg py-2 pl-3 text-2xl font-bold tabular-nums sm:pl-5 sm:text-5xl ${MEDAL[r.rank - 1] ?? 'text-zinc-300'}`}>{r.rank}</td>
              <td className="truncate py-2 text-2xl font-semibold sm:text-5xl" title={r.studentName}>{r.studentName}</td>
              <td className="py-2 pr-2 text-right font-mono text-2xl tabular-nums sm:text-5xl">{formatMetric(r.value)}</td>
              <td className="hidden truncate rounded-r-lg py-2 pr-5 pl-6 text-xl text-zinc-300 md:table-cell" title={backendLabel(r)}>{backendLabel(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-lg text-zinc-400">
        {board.rows.length > SHOWN_ROWS ? `+ ${board.rows.length - SHOWN_ROWS} more · ` : ''}
        {board.rows.length} on the board{stale ? ' · reconnecting' : ''}
      </p>
    </div>
  );
}

function JoinCorner({ conn, cls }: { conn: ServerConnection; cls: ClassRecord }) {
  const { link } = useJoinLink(conn, cls.code);
  if (cls.endedAt !== null) return <p className="text-2xl text-zinc-300 lg:w-80">This class has ended.</p>;
  return (
    <aside aria-label="How to join" className="flex shrink-0 flex-col items-center gap-3 self-start rounded-xl bg-zinc-900 p-5 lg:w-80">
      <p className="text-lg text-zinc-300">Join with code</p>
      <p className="font-mono text-5xl font-bold tracking-[0.12em] sm:text-6xl" data-testid="projector-code">{cls.code}</p>
      <QrCode text={link} sizePx={240} label={`QR code for ${link}`} />
      <p className="text-center font-mono text-sm break-all text-zinc-300">{link}</p>
    </aside>
  );
}
