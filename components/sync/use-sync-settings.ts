'use client';

import { useSyncExternalStore } from 'react';
import { DEFAULT_SYNC_SETTINGS, readSyncSettings, subscribeSyncSettings, type SyncSettings } from '@/lib/track/sync-settings';

/** The sync settings, re-rendering when this tab or another one changes them. */
export function useSyncSettings(): SyncSettings {
  return useSyncExternalStore(subscribeSyncSettings, readSyncSettings, () => DEFAULT_SYNC_SETTINGS);
}
