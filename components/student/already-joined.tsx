'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import type { ClassStudentView } from '@/lib/classroom/api';
import { studentApi } from '@/lib/classroom/student-client';

/** Shown on /join when this browser is already in a class: continue there, or leave it first. */
export function AlreadyJoined({ me, onLeft }: { me: ClassStudentView; onLeft: () => void }) {
  const [leaving, setLeaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leave = async () => {
    setLeaving(true);
    setError(null);
    try {
      await studentApi.leave();
      onLeft();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLeaving(false);
    }
  };
  return (
    <div className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" data-testid="already-joined">
      <p className="text-zinc-800">
        This browser is already in the class <strong>{me.className}</strong> as <strong>{me.studentName}</strong>.
      </p>
      <div className="flex flex-wrap gap-2">
        <Link href="/class" className={buttonClasses('primary')}>Continue to {me.className}</Link>
        <Button onClick={() => void leave()} disabled={leaving}>{leaving ? 'Leaving…' : 'Leave this class'}</Button>
      </div>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
