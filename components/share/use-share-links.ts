'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export interface ShareLinksOptions<S extends { token: string }> {
  /** Query key of the link list (a run's or a report's). */
  queryKey: readonly unknown[];
  /** false while the list cannot be read (sync off, dialog closed). */
  enabled: boolean;
  list: () => Promise<S[]>;
  create: () => Promise<S>;
  revoke: (token: string) => Promise<void>;
  /** Runs after a link is made (copy it to the clipboard). */
  onCreated?: (share: S) => Promise<void>;
  /** Turns a failure into words a user can act on. */
  explain: (e: unknown) => string;
}

type ShareAction = { kind: 'create' } | { kind: 'revoke'; token: string };

/**
 * The read-only links of a run or a report, through the data layer: the list is a query, create
 * and revoke one mutation (so `busy` and `error` are the latest action's) that edits the list in place.
 */
export function useShareLinks<S extends { token: string }>(o: ShareLinksOptions<S>) {
  const client = useQueryClient();
  const list = useQuery({ queryKey: o.queryKey, queryFn: o.list, enabled: o.enabled, staleTime: 0, retry: false });
  const edit = (change: (links: S[]) => S[]) => client.setQueryData<S[]>(o.queryKey, (links) => change(links ?? []));
  const action = useMutation({
    mutationFn: async (a: ShareAction) => {
      if (a.kind === 'revoke') {
        await o.revoke(a.token);
        edit((links) => links.filter((s) => s.token !== a.token));
        return;
      }
      const share = await o.create();
      edit((links) => [...links, share]);
      await o.onCreated?.(share);
    },
  });
  const failure = action.error ?? list.error;
  return {
    /** null while loading; empty when the list could not be read (the error says why). */
    shares: list.data ?? (list.isError ? [] : null),
    busy: action.isPending,
    error: failure ? o.explain(failure) : null,
    create: () => action.mutate({ kind: 'create' }),
    revoke: (token: string) => action.mutate({ kind: 'revoke', token }),
  };
}
