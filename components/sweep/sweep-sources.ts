'use client';

import { SweepRecordSchema, type SweepRecord, type SweepSummary } from '@/lib/sweep/api';
import { createSweepHttpClient, type SweepHttpClient } from '@/lib/sweep/http-client';
import { summarizeSweep } from '@/lib/sweep/summary';
import { openIdbSweepStore, type LocalSweepStore } from '@/lib/sweep/idb-sweeps';

/**
 * Where the sweep pages read sweeps from: local sweeps (ids `lsw-…`, run by a notebook's kernel)
 * live in this browser's IndexedDB; server sweeps (`sw-…`) on the tracking server, reached with
 * the server address and token the sync settings keep in localStorage ("" = this app's own).
 */

export const isLocalSweepId = (id: string) => id.startsWith('lsw-');

/** The sync settings' server and token (key `benchtop.sync.v1`, see components/sync); defaults when absent. */
export function serverConnection(): { baseUrl: string; token: string | null } {
  try {
    const parsed = JSON.parse(window.localStorage.getItem('benchtop.sync.v1') ?? '{}') as { serverUrl?: unknown; token?: unknown };
    return {
      baseUrl: typeof parsed.serverUrl === 'string' ? parsed.serverUrl.replace(/\/+$/, '') : '',
      token: typeof parsed.token === 'string' && parsed.token ? parsed.token : null,
    };
  } catch {
    return { baseUrl: '', token: null };
  }
}

export function sweepServer(): SweepHttpClient {
  return createSweepHttpClient(serverConnection());
}

let store: Promise<LocalSweepStore> | null = null;
/** One IndexedDB connection per tab, opened on first use (a failed open is retried next time). */
export function localSweepStore(): Promise<LocalSweepStore> {
  store ??= openIdbSweepStore().catch((e) => {
    store = null;
    throw e;
  });
  return store;
}

export async function loadSweep(id: string): Promise<SweepRecord | null> {
  if (isLocalSweepId(id)) {
    const raw = await (await localSweepStore()).getSweep(id);
    return raw ? SweepRecordSchema.parse(raw) : null;
  }
  try {
    return await sweepServer().get(id);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

export async function requestStop(record: SweepRecord): Promise<void> {
  if (record.origin === 'local') await (await localSweepStore()).requestStop(record.id, 'stopped from the sweep page');
  else await sweepServer().stop(record.id, 'stopped from the sweep page');
}

export interface SweepList {
  sweeps: SweepSummary[];
  /** Why server sweeps are missing (unreachable, no token…), or null. */
  serverError: string | null;
}

export async function listSweeps(): Promise<SweepList> {
  const local = (await (await localSweepStore()).listSweeps()).map((raw) => {
    const { state, ...record } = SweepRecordSchema.parse(raw);
    return summarizeSweep(record, state);
  });
  let server: SweepSummary[] = [];
  let serverError: string | null = null;
  try {
    server = await sweepServer().list();
  } catch (error) {
    serverError = error instanceof Error ? error.message : String(error);
  }
  return { sweeps: [...local, ...server].sort((a, b) => b.updatedAt - a.updatedAt), serverError };
}
