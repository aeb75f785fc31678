'use client';

import { useSyncExternalStore } from 'react';
import { getSyncController, type AgentStatus } from '@/lib/track/sync-controller';

const SERVER_SNAPSHOT: AgentStatus = { state: 'idle', queued: 0, heldRuns: {}, enabled: false, leader: false };

export function useSyncStatus(): AgentStatus {
  const c = getSyncController();
  return useSyncExternalStore(c.subscribe, c.getStatus, () => SERVER_SNAPSHOT);
}
