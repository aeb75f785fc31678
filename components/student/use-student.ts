'use client';

import { useAsync, type AsyncState } from '@/components/store/use-async';
import type { ClassStudentView } from '@/lib/classroom/api';
import { isClassEnded, studentApi } from '@/lib/classroom/student-client';

/** Where this browser stands: in a class (as whom), in a class that has ended, or in none. */
export type StudentStanding = { kind: 'none' } | { kind: 'ended'; message: string } | { kind: 'student'; me: ClassStudentView };

export async function loadStanding(): Promise<StudentStanding> {
  try {
    const me = await studentApi.me();
    return me ? { kind: 'student', me } : { kind: 'none' };
  } catch (err) {
    if (isClassEnded(err)) return { kind: 'ended', message: (err as Error).message };
    throw err;
  }
}

export function useStudentStanding(): [AsyncState<StudentStanding>, () => void] {
  return useAsync(loadStanding, []);
}

/** Sentence case for the server's messages ("this class has ended" → "This class has ended"). */
export function sentence(message: string): string {
  const s = message.trim();
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
