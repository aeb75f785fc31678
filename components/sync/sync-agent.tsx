'use client';

import { useEffect } from 'react';
import { getSyncController } from '@/lib/track/sync-controller';

/**
 * Starts background sync for this browser (mount once, in the root layout). Renders nothing;
 * the loop lives outside React so navigation does not restart it.
 */
export function SyncAgent() {
  useEffect(() => {
    getSyncController().start();
  }, []);
  return null;
}
