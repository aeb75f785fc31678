'use client';

import { useMemo } from 'react';
import { RemoteRunView } from './remote-run-view';
import { shareSource } from './remote-run-source';
import { MISSING_SHARE } from './missing-share';

/** The page behind a share link (`/share/<token>`): the run read-only, from the server alone. */
export function SharedRunView({ token }: { token: string }) {
  const source = useMemo(() => shareSource(token), [token]);
  return <RemoteRunView source={source} label="Shared run" missing={MISSING_SHARE} />;
}
