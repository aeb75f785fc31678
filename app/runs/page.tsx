import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RunsView } from '@/components/runs/runs-view';

export const metadata: Metadata = { title: 'Runs' };

export default function RunsPage() {
  // The view (filter, sort, columns, grouping) is read from the URL's query string on the client.
  return (
    <Suspense>
      <RunsView />
    </Suspense>
  );
}
