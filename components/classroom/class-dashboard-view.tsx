'use client';

import Link from 'next/link';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { Alert, EmptyState, PageHeader, Section, Spinner } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import type { ClassRecord } from '@/lib/classroom/api';
import { teacherApi } from '@/lib/classroom/teacher-client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { AssignmentPanel } from './assignment-panel';
import { ClassroomFailureAlert } from './classroom-failure';
import { EndClassButton } from './end-class-button';
import { JoinPanel } from './join-panel';
import { PublishAssignmentForm } from './publish-assignment-form';
import { RosterTable } from './roster-table';
import { useWorkspaceConnection } from './use-connection';
import { useJoinLink } from './use-join-link';
import { usePolled } from './use-polled';

/** The roster is what a teacher watches during class: re-read every few seconds. */
export const ROSTER_POLL_MS = 3_000;
const CLASS_POLL_MS = 10_000;

/** /classes/[id]: the teacher's dashboard for one class. */
export function ClassDashboardView({ classId }: { classId: string }) {
  const conn = useWorkspaceConnection();
  const cls = usePolled(() => teacherApi.getClass(conn, classId), CLASS_POLL_MS, [conn, classId]);
  if (!cls.value) {
    if (cls.failure?.status === 404) return <EmptyState title={`No class ${classId} on the server`}><Link href="/classes" className="text-accent-700 underline">All classes</Link></EmptyState>;
    if (cls.failure) return <ClassroomFailureAlert failure={cls.failure} what="The class could not be loaded" />;
    return <Spinner label="Loading the class" />;
  }
  return <Dashboard conn={conn} cls={cls.value} refresh={cls.refresh} />;
}

function Dashboard({ conn, cls, refresh }: { conn: ServerConnection; cls: ClassRecord; refresh: () => void }) {
  const { link, info } = useJoinLink(conn, cls.code);
  const ended = cls.endedAt !== null;
  const roster = usePolled(() => teacherApi.roster(conn, cls.id), ended ? null : ROSTER_POLL_MS, [conn, cls.id, ended]);
  const online = roster.value?.filter((r) => r.online).length ?? 0;
  return (
    <div className="space-y-8">
      <PageHeader
        title={cls.name}
        subtitle={<span>Class · created {formatDateTime(cls.createdAt)} · <Link href="/classes" className="text-accent-700 underline underline-offset-2">all classes</Link></span>}
        actions={
          <>
            <Link href={`/classes/${encodeURIComponent(cls.id)}/projector`} className={buttonClasses('secondary')}>Projector view</Link>
            {!ended && <EndClassButton conn={conn} classId={cls.id} className={cls.name} onEnded={refresh} />}
          </>
        }
      />
      {ended && (
        <Alert tone="amber" title={`This class ended ${formatDateTime(cls.endedAt)}`}>
          Students were signed out and the code no longer works. Runs, copies and leaderboards stay readable here.
        </Alert>
      )}
      <JoinPanel code={cls.code} link={link} ended={ended} fingerprint256={info?.fingerprint256 ?? null} />
      <Section title={roster.value ? `Roster: ${roster.value.length} student${roster.value.length === 1 ? '' : 's'}, ${online} online` : 'Roster'} id="roster">
        {roster.failure && <ClassroomFailureAlert failure={roster.failure} what="The roster could not be refreshed" />}
        {roster.value ? <RosterTable rows={roster.value} /> : !roster.failure && <Spinner label="Loading the roster" />}
      </Section>
      <Assignments conn={conn} classId={cls.id} ended={ended} />
    </div>
  );
}

function Assignments({ conn, classId, ended }: { conn: ServerConnection; classId: string; ended: boolean }) {
  const list = usePolled(() => teacherApi.assignments(conn, classId), CLASS_POLL_MS, [conn, classId]);
  const [publishing, setPublishing] = useState(false);
  return (
    <Section
      title="Assignments"
      id="assignments"
      actions={!ended && <button type="button" className={buttonClasses(publishing ? 'ghost' : 'primary', 'sm')} onClick={() => setPublishing((p) => !p)} aria-expanded={publishing}>{publishing ? 'Close' : 'Publish a notebook'}</button>}
    >
      {publishing && <PublishAssignmentForm conn={conn} classId={classId} onPublished={() => (setPublishing(false), list.refresh())} />}
      {list.failure && <ClassroomFailureAlert failure={list.failure} what="Assignments could not be listed" />}
      {!list.value ? (
        !list.failure && <Spinner label="Loading assignments" />
      ) : list.value.length === 0 ? (
        <EmptyState title="No assignment yet">Publish one of your notebooks: each student gets a copy and a place on its leaderboard.</EmptyState>
      ) : (
        [...list.value].sort((a, b) => b.createdAt - a.createdAt).map((a) => <AssignmentPanel key={a.id} conn={conn} assignment={a} />)
      )}
    </Section>
  );
}
