'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, PageHeader, Spinner } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { CLASS_NAME_MAX, type ClassRecord } from '@/lib/classroom/api';
import { teacherApi } from '@/lib/classroom/teacher-client';
import { ClassroomFailureAlert, toFailure, type ClassroomFailure } from './classroom-failure';
import { useWorkspaceConnection } from './use-connection';
import { usePolled } from './use-polled';

const LIST_POLL_MS = 5_000;

/** /classes: the workspace's classes, newest first, and a form to start a new one. */
export function ClassesListView() {
  const conn = useWorkspaceConnection();
  const list = usePolled(() => teacherApi.listClasses(conn), LIST_POLL_MS, [conn]);
  const classes = list.value ? [...list.value].sort((a, b) => b.createdAt - a.createdAt) : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title="Classes" subtitle="Students join with a code, train on their own GPU, and appear on the class leaderboard." />
      <NewClassForm />
      {list.failure && <ClassroomFailureAlert failure={list.failure} what="Classes could not be listed" />}
      {!classes ? (
        !list.failure && <Spinner label="Loading classes" />
      ) : classes.length === 0 ? (
        <EmptyState title="No classes yet">Name one above: it gets a join code to put on the projector.</EmptyState>
      ) : (
        <ClassTable classes={classes} />
      )}
    </div>
  );
}

function NewClassForm() {
  const conn = useWorkspaceConnection();
  const router = useRouter();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ClassroomFailure | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const created = await teacherApi.createClass(conn, name.trim());
      router.push(`/classes/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setFailure(toFailure(err));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void create(e)} aria-label="New class" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-zinc-800">
          New class
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={CLASS_NAME_MAX}
            placeholder="e.g. Intro to deep learning, Tuesday"
            className="h-8 w-full min-w-0 rounded-md border border-zinc-300 px-2 text-sm font-normal"
          />
        </label>
        <Button type="submit" variant="primary" disabled={busy || name.trim() === ''}>
          {busy ? 'Creating…' : 'Create class'}
        </Button>
      </div>
      {failure && <ClassroomFailureAlert failure={failure} what="The class was not created" />}
    </form>
  );
}

function ClassTable({ classes }: { classes: ClassRecord[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full text-sm" aria-label="Classes">
        <thead className="bg-zinc-50 text-left text-xs text-zinc-500">
          <tr>
            {['Class', 'Code', 'Students', 'Status', 'Created'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => (
            <tr key={c.id} className="border-t border-zinc-100" data-class-id={c.id}>
              <td className="px-3 py-2">
                <Link href={`/classes/${encodeURIComponent(c.id)}`} className="font-medium text-accent-700 hover:underline">{c.name}</Link>
              </td>
              <td className="px-3 py-2 font-mono tracking-wider">{c.code}</td>
              <td className="px-3 py-2 tabular-nums">{c.studentCount}</td>
              <td className="px-3 py-2">{c.endedAt === null ? <Badge tone="green" dot>open</Badge> : <Badge tone="neutral">ended {formatDateTime(c.endedAt)}</Badge>}</td>
              <td className="px-3 py-2 text-xs text-zinc-500">{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
