import type { SyncClient, SyncStatus } from './sync';
import { readSyncSettings, subscribeSyncSettings, type SyncSettings } from './sync-settings';

/** The sync status the UI shows: the client's, plus whether syncing is on and this tab runs it. */
export interface AgentStatus extends SyncStatus {
  enabled: boolean;
  /** False while another tab holds the sync lock (that tab ships the shared outbox). */
  leader: boolean;
}

const OFF: AgentStatus = { state: 'idle', queued: 0, heldRuns: {}, enabled: false, leader: false };

/**
 * One sync loop per browser, not per tab: the tab holding the `benchtop-sync` Web Lock runs the
 * client over the shared IndexedDB outbox; the others wait for the lock (a closed tab hands it
 * on). Settings changes restart the client. The outbox is the source of truth, so a reload
 * or a tab switch loses nothing, at worst re-sends an entry (idempotent on the server).
 */
class SyncController {
  private status: AgentStatus = OFF;
  private listeners = new Set<() => void>();
  private client: SyncClient | undefined;
  private settings: SyncSettings | undefined;
  private started = false;
  private releaseLock: (() => void) | undefined;

  getStatus = (): AgentStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Wake the loop now (e.g. right after a run finished). */
  kick(): void {
    this.client?.kick();
  }

  start(): void {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    subscribeSyncSettings(() => void this.apply());
    void this.apply();
  }

  private set(patch: Partial<AgentStatus>) {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }

  private async apply(): Promise<void> {
    const next = readSyncSettings();
    if (this.settings && JSON.stringify(this.settings) === JSON.stringify(next)) return;
    this.settings = next;
    await this.client?.stop();
    this.client = undefined;
    this.releaseLock?.();
    this.releaseLock = undefined;
    if (!next.enabled) {
      this.set(OFF);
      return;
    }
    this.set({ ...OFF, enabled: true });
    const run = async () => {
      // Loaded when syncing starts, not with the module: the root layout imports this controller,
      // and the sync client and the IndexedDB store carry the wire schemas (zod, ~440 KB
      // minified), which every page's first load shipped for a status chip.
      const [{ createSyncClient }, { getRunStore }] = await Promise.all([import('./sync'), import('./tab-stores')]);
      const store = await getRunStore();
      if (this.settings !== next) return; // settings changed while waiting
      const client = createSyncClient({
        store,
        baseUrl: next.serverUrl,
        token: next.token || null,
        onStatus: (s) => this.set({ ...s, enabled: true, leader: true }),
      });
      this.client = client;
      this.set({ leader: true, queued: await store.outboxCount() });
      client.start();
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return run();
    void locks.request('benchtop-sync', async () => {
      if (this.settings !== next) return;
      await run();
      // Hold the lock until these settings are replaced or the tab closes.
      await new Promise<void>((resolve) => (this.releaseLock = resolve));
    });
  }
}

let controller: SyncController | undefined;

export function getSyncController(): SyncController {
  controller ??= new SyncController();
  return controller;
}
