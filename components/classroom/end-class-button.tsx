'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { teacherApi } from '@/lib/classroom/teacher-client';
import type { ServerConnection } from '@/lib/track/sync-api-client';
import { ClassroomFailureAlert, toFailure, type ClassroomFailure } from './classroom-failure';

/** Ends the class after a confirmation: every student credential stops working at once. */
export function EndClassButton({ conn, classId, className, onEnded }: { conn: ServerConnection; classId: string; className: string; onEnded: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ClassroomFailure | null>(null);
  async function end() {
    setAsking(false);
    setBusy(true);
    setFailure(null);
    try {
      await teacherApi.endClass(conn, classId);
      onEnded();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button variant="danger" onClick={() => setAsking(true)} disabled={busy}>{busy ? 'Ending…' : 'End class'}</Button>
      <ConfirmDialog open={asking} title={`End “${className}”?`} confirmLabel="End class" onConfirm={() => void end()} onCancel={() => setAsking(false)}>
        Students are signed out at once and the code stops working. Their runs, copies and the leaderboard stay here. This cannot be undone.
      </ConfirmDialog>
      {failure && (
        <div className="basis-full">
          <ClassroomFailureAlert failure={failure} what="The class was not ended" />
        </div>
      )}
    </>
  );
}
