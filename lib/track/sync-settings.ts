import { TypedEmitter } from '../shared/typed-emitter';
import type { ServerConnection } from './sync-api-client';

/**
 * Where this browser syncs its runs: kept in localStorage (per origin), read by the sync agent,
 * the settings panel, the share button and the runs list. Changes in one tab reach the others
 * through the `storage` event.
 */
export interface SyncSettings {
  /** Off: runs stay in this browser only. */
  enabled: boolean;
  /** "" = this page's own server (the Next.js app's /api/v1). */
  serverUrl: string;
  /** Workspace write token; "" = none (fine for a server on localhost without BENCHTOP_TOKEN). */
  token: string;
}

const STORAGE_KEY = 'benchtop.sync.v1';
/** Same-tab changes (the `storage` event only reaches other tabs). */
const changes = new TypedEmitter<{ changed: void }>();
export const DEFAULT_SYNC_SETTINGS: SyncSettings = { enabled: true, serverUrl: '', token: '' };

let cached: { raw: string | null; value: SyncSettings } | undefined;

export function readSyncSettings(): SyncSettings {
  if (typeof window === 'undefined') return DEFAULT_SYNC_SETTINGS;
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return DEFAULT_SYNC_SETTINGS; // storage disabled
  }
  if (cached && cached.raw === raw) return cached.value; // stable identity for useSyncExternalStore
  let value = DEFAULT_SYNC_SETTINGS;
  try {
    const parsed = raw ? (JSON.parse(raw) as Partial<SyncSettings>) : {};
    value = {
      enabled: typeof parsed.enabled === 'boolean' ? parsed.enabled : DEFAULT_SYNC_SETTINGS.enabled,
      serverUrl: typeof parsed.serverUrl === 'string' ? parsed.serverUrl : '',
      token: typeof parsed.token === 'string' ? parsed.token : '',
    };
  } catch {
    // a hand-edited value that is not JSON: fall back to defaults
  }
  cached = { raw, value };
  return value;
}

export function writeSyncSettings(settings: SyncSettings): void {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...settings, serverUrl: settings.serverUrl.trim().replace(/\/+$/, '') }));
  changes.emit('changed', undefined);
}

export function subscribeSyncSettings(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key === STORAGE_KEY && onChange();
  window.addEventListener('storage', onStorage);
  const off = changes.on('changed', onChange);
  return () => {
    window.removeEventListener('storage', onStorage);
    off();
  };
}

export function connectionOf(settings: SyncSettings): ServerConnection {
  return { baseUrl: settings.serverUrl, token: settings.token || null };
}

/** Origin that share links and the settings panel name ("this server" when empty). */
export function serverOrigin(settings: SyncSettings): string {
  return settings.serverUrl || (typeof window === 'undefined' ? '' : window.location.origin);
}
