import Link from 'next/link';
import { EmptyState, PageHeader } from '@/components/ui/card';

const link = 'text-accent-700 underline underline-offset-2';

/** Any unknown path: said plainly, inside the app's layout, with the way back. */
export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is no page at this address">
        Go to your <Link href="/" className={link}>notebooks</Link>, <Link href="/runs" className={link}>runs</Link> or <Link href="/sweeps" className={link}>sweeps</Link>.
      </EmptyState>
    </>
  );
}
