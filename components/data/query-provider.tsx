'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

/**
 * The app's one data layer (TanStack Query): server reads are cached per key, deduplicated
 * between components (the home page and /runs ask for the same columns once) and refetched on
 * focus only when stale, instead of each hook polling on its own.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  // One client per browser tab (useState: not shared between server renders of different users).
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // Lists are kept fresh by their own pollers (live updates), not by refetch storms.
            staleTime: 10_000,
            refetchOnWindowFocus: false,
            retry: 1,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
