'use client';

import { useMemo } from 'react';
import { EmptyState } from '@/components/ui/card';
import { RunPage } from '@/components/run-detail/run-page';
import { sharedRunSource } from '@/lib/track/run-source/server-run-source';
import { MISSING_SHARE } from './missing-share';

/** The page behind a share link (`/share/<token>`): the run page, read-only, from the server alone. */
export function SharedRunView({ token }: { token: string }) {
  const source = useMemo(() => sharedRunSource(token), [token]);
  return <RunPage source={source} mode="read-only" missing={<EmptyState title={MISSING_SHARE.title}>{MISSING_SHARE.text}</EmptyState>} />;
}
