'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { Button, buttonClasses } from '@/components/ui/button';
import type { Assignment, ClassStudentView } from '@/lib/classroom/api';
import { ensureLocalCopy } from '@/lib/classroom/class-copy';
import { studentApi } from '@/lib/classroom/student-client';
import { getNotebookStore } from '@/lib/track/tab-stores';
import { useAsync } from '@/components/store/use-async';
import { ClassSyncNotice } from './class-sync-notice';
import { StudentRuns } from './student-runs';
import { sentence, useStudentStanding } from './use-student';

/** /class: the student's class, its assignments (Open = my own copy) and the student's runs. */
export function StudentClassView() {
  const [standing, reload] = useStudentStanding();
  if (standing.status === 'loading') return <Spinner label="Loading your class" />;
  if (standing.status === 'error') return <Alert title="Could not load your class">{standing.error}</Alert>;
  const s = standing.value;
  if (s.kind === 'none') {
    return (
      <EmptyState title="This browser is not in a class">
        <Link href="/join" className="text-accent-700 underline underline-offset-2">Join a class with its code</Link>
      </EmptyState>
    );
  }
  if (s.kind === 'ended') return <EndedClass message={s.message} onLeft={reload} />;
  return <InClass me={s.me} onLeft={reload} />;
}

function EndedClass({ message, onLeft }: { message: string; onLeft: () => void }) {
  return (
    <div className="space-y-4" data-testid="class-ended">
      <Alert tone="amber" title={sentence(message)}>Your notebooks and runs stay in this browser. Join a new class with its code.</Alert>
      <Button onClick={() => void studentApi.leave().finally(onLeft)}>Leave and join another class</Button>
    </div>
  );
}

function InClass({ me, onLeft }: { me: ClassStudentView; onLeft: () => void }) {
  const [assignments] = useAsync(() => studentApi.assignments(me.classId), [me.classId]);
  return (
    <div className="space-y-8">
      <PageHeader
        title={me.className}
        subtitle={<span data-testid="student-name">You are <strong className="text-zinc-800">{me.studentName}</strong> in this class.</span>}
        actions={<Button size="sm" onClick={() => void studentApi.leave().finally(onLeft)}>Leave class</Button>}
      />
      <ClassSyncNotice />
      <Section title="Assignments" id="assignments">
        {assignments.status === 'loading' && <Spinner label="Loading assignments" />}
        {assignments.status === 'error' && <Alert title="Could not load the assignments">{assignments.error}</Alert>}
        {assignments.status === 'ready' && assignments.value.length === 0 && <EmptyState title="No assignments yet">Your teacher has not published a notebook to this class. This page shows it once they do; reload then.</EmptyState>}
        {assignments.status === 'ready' && assignments.value.length > 0 && (
          <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white">
            {assignments.value.map((a) => <AssignmentRow key={a.id} me={me} assignment={a} />)}
          </ul>
        )}
      </Section>
      <StudentRuns me={me} />
    </div>
  );
}

function AssignmentRow({ me, assignment }: { me: ClassStudentView; assignment: Assignment }) {
  const router = useRouter();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setOpening(true);
    setError(null);
    try {
      const copy = await studentApi.copy(me.classId, assignment.id);
      await ensureLocalCopy(await getNotebookStore(), copy, { classId: me.classId, className: me.className, assignmentId: assignment.id });
      router.push(`/notebooks/${encodeURIComponent(copy.id)}`);
    } catch (e) {
      setError(sentence(e instanceof Error ? e.message : String(e)));
      setOpening(false);
    }
  };
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
      <div className="min-w-0">
        <p className="font-medium text-zinc-900">{assignment.title}</p>
        <p className="text-xs text-zinc-500">
          Goal: {assignment.goal === 'max' ? 'highest' : 'lowest'} <span className="font-mono">{assignment.metric}</span>
        </p>
        {error && <p role="alert" className="mt-1 text-sm text-red-700">{error}</p>}
      </div>
      <button type="button" className={buttonClasses('primary')} onClick={() => void open()} disabled={opening} aria-label={`Open ${assignment.title}`}>
        {opening ? 'Opening…' : 'Open'}
      </button>
    </li>
  );
}
