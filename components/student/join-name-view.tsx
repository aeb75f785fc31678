'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert, Spinner } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { StudentName, STUDENT_NAME_MAX } from '@/lib/classroom/api';
import { parseClassCodeInput } from '@/lib/classroom/join-code';
import { ApiError, studentApi } from '@/lib/classroom/student-client';
import { AlreadyJoined } from './already-joined';
import { FormField } from './form-field';
import { JoinFrame } from './join-layout';
import { sentence, useStudentStanding } from './use-student';

/** Why a join failed, as the student should read it (the server's own sentence when it has one). */
function joinError(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.status === 0) return 'The class server cannot be reached. Check the Wi-Fi, then try again.';
  if (err.status === 429) return `${sentence(err.message)} Wait a moment, then try again.`;
  return sentence(err.message);
}

/** /join/<code>: the student types a display name and is in the class. */
export function JoinNameView({ rawCode }: { rawCode: string }) {
  const router = useRouter();
  const code = parseClassCodeInput(rawCode);
  const [standing, reload] = useStudentStanding();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [joinFailure, setJoinFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!code.ok) {
    return (
      <JoinFrame title="Join a class" lead={<>The link names the class code “{rawCode}”.</>}>
        <Alert title="That is not a class code">{code.error}</Alert>
        <Link href="/join" className="text-accent-700 underline underline-offset-2">Type the code instead</Link>
      </JoinFrame>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setJoinFailure(null);
    const parsed = StudentName.safeParse(name);
    if (!parsed.success) return setNameError(sentence(parsed.error.issues[0]?.message ?? 'this name cannot be used'));
    setBusy(true);
    try {
      await studentApi.join({ code: code.code, name: parsed.data });
      router.push('/class');
    } catch (err) {
      const message = joinError(err);
      if (err instanceof ApiError && err.status === 400 && err.field === 'name') setNameError(message);
      else setJoinFailure(message);
      setBusy(false);
    }
  };

  return (
    <JoinFrame title="Join a class" lead={<>Class code <span className="font-mono font-semibold tracking-widest text-zinc-900">{code.code}</span></>}>
      {standing.status === 'loading' && <Spinner label="Checking this browser" />}
      {standing.status === 'ready' && standing.value.kind === 'student' ? (
        <AlreadyJoined me={standing.value.me} onLeft={reload} />
      ) : (
        <form onSubmit={(e) => void submit(e)} className="space-y-4" noValidate>
          <FormField
            id="student-name"
            label="Your name"
            hint={`What your teacher and the class see on the leaderboard (up to ${STUDENT_NAME_MAX} characters).`}
            error={nameError}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            autoComplete="nickname"
            autoFocus
          />
          <Button type="submit" variant="primary" disabled={busy}>{busy ? 'Joining…' : 'Join the class'}</Button>
          {joinFailure && (
            <div data-testid="join-error">
              <Alert title={joinFailure}>
                <Link href="/join" className="underline underline-offset-2">Type another code</Link>
              </Alert>
            </div>
          )}
        </form>
      )}
    </JoinFrame>
  );
}
