'use client';

import { useMemo } from 'react';
import { useSyncSettings } from '@/components/sync/use-sync-settings';
import { connectionOf } from '@/lib/track/sync-settings';
import type { ServerConnection } from '@/lib/track/sync-api-client';

/** The workspace connection (server URL + token from Settings), stable while they do not change. */
export function useWorkspaceConnection(): ServerConnection {
  const settings = useSyncSettings();
  return useMemo(() => connectionOf(settings), [settings]);
}
