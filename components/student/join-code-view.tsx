'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert, Spinner } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { CLASS_CODE_LENGTH } from '@/lib/classroom/api';
import { parseClassCodeInput } from '@/lib/classroom/join-code';
import { AlreadyJoined } from './already-joined';
import { FormField } from './form-field';
import { JoinFrame } from './join-layout';
import { useStudentStanding } from './use-student';

/** /join: type the class code from the projector, then pick a name on /join/<code>. */
export function JoinCodeView() {
  const router = useRouter();
  const [standing, reload] = useStudentStanding();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseClassCodeInput(text);
    if (!parsed.ok) return setError(parsed.error);
    router.push(`/join/${parsed.code}`);
  };

  return (
    <JoinFrame title="Join a class" lead="Type the code your teacher shows. No account or token needed.">
      {standing.status === 'loading' && <Spinner label="Checking this browser" />}
      {standing.status === 'error' && <Alert tone="amber" title="Could not ask the server whether this browser is in a class">{standing.error}</Alert>}
      {standing.status === 'ready' && standing.value.kind === 'student' ? (
        <AlreadyJoined me={standing.value.me} onLeft={reload} />
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormField
            id="class-code"
            label="Class code"
            hint={`${CLASS_CODE_LENGTH} characters, for example K7QX2M. Case and spaces do not matter.`}
            error={error}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
            className="font-mono tracking-widest uppercase"
          />
          <Button type="submit" variant="primary">Next</Button>
        </form>
      )}
    </JoinFrame>
  );
}
