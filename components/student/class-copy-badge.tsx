import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { assertNever } from '@/lib/shared/assert-never';
import type { ClassCopyMeta } from '@/lib/classroom/class-copy';
import type { CopySync, CopySyncStatus } from './use-copy-sync';

function describe(s: CopySyncStatus): string {
  switch (s.kind) {
    case 'synced':
      return 'On the class server';
    case 'pending':
      return 'Not yet on the class server';
    case 'saving':
      return 'Sending to the class server…';
    case 'conflict':
      return s.message;
    case 'error':
      return `Not on the class server: ${s.message}`;
    default:
      return assertNever(s, 'copy sync status');
  }
}

/** "Assignment copy · <class>" and whether the teacher can see the latest text. */
export function ClassCopyBadge({ copy, sync }: { copy: ClassCopyMeta; sync: CopySync }) {
  const { status } = sync;
  const text = describe(status);
  const problem = status.kind === 'conflict' || status.kind === 'error';
  return (
    <span className="flex flex-wrap items-center gap-2" data-testid="class-copy" data-copy-sync={status.kind}>
      <Link href="/class" className="rounded-full focus-visible:outline-2 focus-visible:outline-accent-500" title="Back to your class">
        <Badge tone="accent">Assignment copy · {copy.className}</Badge>
      </Link>
      {problem ? (
        <>
          <span role="alert" className={`text-xs font-medium ${status.kind === 'error' ? 'text-red-700' : 'text-amber-800'}`}>{text}</span>
          {status.kind === 'conflict' && <Button size="sm" onClick={sync.keepMine}>Replace the server’s copy with mine</Button>}
        </>
      ) : (
        <span role="status" className="text-xs text-zinc-500">{text}</span>
      )}
    </span>
  );
}
