import Link from 'next/link';
import { Alert } from '@/components/ui/card';

/**
 * A sweep server's 401/403 as what to do next, instead of a raw `HTTP 401 … Bearer <token>`:
 * a student joins the class (their browser then carries the class cookie), anyone else sets the
 * workspace token in Settings. Other errors are shown as they are.
 */
export function SweepAccessHelp({ title, error }: { title: string; error: string }) {
  const status = /\bHTTP (\d{3})\b/.exec(error)?.[1];
  const reason = error.replace(/^.*?\bHTTP \d{3}:\s*/, '');
  if (status === '401') {
    return (
      <div data-testid="sweep-access-help">
        <Alert title={`${title}: this server lets only its class or its workspace in`}>
          If you are a student, <Link href="/join" className="underline underline-offset-2">join the class</Link> with the code your teacher shows, then open this page again.
          If this is your workspace, set its token in <Link href="/settings" className="underline underline-offset-2">Settings</Link>.
        </Alert>
      </div>
    );
  }
  if (status === '403') {
    return (
      <div data-testid="sweep-access-help">
        <Alert title={`${title}: the server refused this browser`}>
          {reason ? reason[0].toUpperCase() + reason.slice(1) : 'Not allowed'}. A student can join only the sweeps of their own class; <Link href="/class" className="underline underline-offset-2">open your class</Link>.
        </Alert>
      </div>
    );
  }
  return <Alert title={title}>{error}</Alert>;
}
