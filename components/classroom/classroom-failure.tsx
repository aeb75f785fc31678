import Link from 'next/link';
import { Alert } from '@/components/ui/card';
import { ApiError } from '@/lib/track/sync-api-client';

/** What went wrong talking to the classroom API, in a form a teacher can act on. */
export interface ClassroomFailure {
  /** 0 = the server could not be reached. */
  status: number;
  message: string;
}

export function toFailure(e: unknown): ClassroomFailure {
  if (e instanceof ApiError) return { status: e.status, message: e.message };
  return { status: -1, message: e instanceof Error ? e.message : String(e) };
}

const settingsLink = (
  <Link href="/settings" className="font-medium underline underline-offset-2">
    Settings
  </Link>
);

/**
 * Unreachable server and a missing or wrong token each say where to fix them (the server URL and
 * workspace token live under Settings); anything else shows the server's own sentence.
 */
export function ClassroomFailureAlert({ failure, what }: { failure: ClassroomFailure; what: string }) {
  if (failure.status === 0)
    return (
      <Alert title={`${what}: the server is not reachable`}>
        {failure.message}. Start it (<code>npm run app</code>) or check the server URL in {settingsLink}.
      </Alert>
    );
  if (failure.status === 401)
    return (
      <Alert title={`${what}: the workspace token is missing or wrong`}>
        Classes belong to the workspace: set its token (the server&apos;s BENCHTOP_TOKEN) in {settingsLink}. The server said: {failure.message}
      </Alert>
    );
  if (failure.status === 403)
    return (
      <Alert title={`${what}: not allowed`}>
        {failure.message}. Teachers use the workspace token (in {settingsLink}); a student credential cannot manage classes.
      </Alert>
    );
  return <Alert title={what}>{failure.message}</Alert>;
}
