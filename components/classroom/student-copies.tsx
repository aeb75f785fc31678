'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/card';
import { formatRelative } from '@/components/ui/format';
import { teacherApi, type StudentCopy } from '@/lib/classroom/teacher-client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { ClassroomFailureAlert } from './classroom-failure';
import { ReadOnlyNotebook } from './read-only-notebook';
import { usePolled } from './use-polled';

const COPIES_POLL_MS = 10_000;

/** Each student's copy of one assignment; one at a time opens below, read-only. */
export function StudentCopies({ conn, classId, assignmentId }: { conn: ServerConnection; classId: string; assignmentId: string }) {
  const copies = usePolled(() => teacherApi.copies(conn, classId, assignmentId), COPIES_POLL_MS, [conn, classId, assignmentId]);
  const [open, setOpen] = useState<StudentCopy | null>(null);
  if (copies.failure && !copies.value) return <ClassroomFailureAlert failure={copies.failure} what="Student copies could not be listed" />;
  if (!copies.value) return <Spinner label="Loading student copies" />;
  if (copies.value.length === 0) return <p className="text-sm text-zinc-600">No student has opened this assignment yet.</p>;
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-2" aria-label="Student copies">
        {copies.value.map((c) => (
          <li key={c.notebookId}>
            <Button size="sm" variant={open?.notebookId === c.notebookId ? 'primary' : 'secondary'} aria-pressed={open?.notebookId === c.notebookId} onClick={() => setOpen(open?.notebookId === c.notebookId ? null : c)} title={`saved ${formatRelative(c.updatedAt)}`}>
              {c.studentName}
            </Button>
          </li>
        ))}
      </ul>
      {open && <CopyViewer conn={conn} copy={open} />}
    </div>
  );
}

function CopyViewer({ conn, copy }: { conn: ServerConnection; copy: StudentCopy }) {
  // Re-read while open: the student keeps typing, and the teacher watches.
  const nb = usePolled(() => teacherApi.notebook(conn, copy.notebookId), COPIES_POLL_MS, [conn, copy.notebookId]);
  return (
    <div className="space-y-2 rounded-lg border border-zinc-200 bg-zinc-50 p-3">
      <p className="text-sm text-zinc-700">
        <span className="font-medium text-zinc-900">{copy.studentName}</span>&apos;s copy (read-only){nb.value ? `, saved ${formatRelative(nb.value.updatedAt)}` : ''}
      </p>
      {nb.failure && <ClassroomFailureAlert failure={nb.failure} what="This copy could not be loaded" />}
      {nb.value ? <ReadOnlyNotebook content={nb.value.content} label={`${copy.studentName}'s notebook`} /> : !nb.failure && <Spinner label="Loading the copy" />}
    </div>
  );
}
