import type { IDBPDatabase, IDBPObjectStore } from 'idb';
import { openBenchtopDb, type BenchtopDb, type NewOutboxEntry } from './idb-schema';
import type { OutboxEntry, RunStore } from './run-store';
import type { Artifact, MetricPoint, Run } from './schemas';

/** Upper bound that sorts after every string or number in an IndexedDB array key. */
const AFTER_ALL: never[] = [];

/** Metric points of one run, or one key of a run, as a key range over [runId, key, step]. */
function metricRange(runId: string, key?: string): IDBKeyRange {
  return key === undefined
    ? IDBKeyRange.bound([runId], [runId, AFTER_ALL])
    : IDBKeyRange.bound([runId, key], [runId, key, AFTER_ALL]);
}

/** A run's metric key names, jumping the cursor past every step of a key instead of walking them. */
async function metricKeysOf(metrics: IDBPObjectStore<BenchtopDb, ['metrics'], 'metrics', 'readonly'>, runId: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = await metrics.openKeyCursor(metricRange(runId));
  while (cursor) {
    const key = cursor.key[1];
    keys.push(key);
    cursor = await cursor.continue([runId, key, AFTER_ALL] as unknown as [string, string, number]);
  }
  return keys;
}

/** The IndexedDB run store, plus `close()` for tests and tab shutdown. */
export interface IdbRunStore extends RunStore {
  close(): void;
}

/**
 * RunStore over IndexedDB (always present, works offline). Every write enqueues its outbox entry
 * in the same transaction, so a crash can never leave data that the sync client will not ship.
 */
export async function openIdbRunStore(dbName = 'benchtop'): Promise<IdbRunStore> {
  const db = await openBenchtopDb(dbName);
  return createIdbRunStore(db);
}

function createIdbRunStore(db: IDBPDatabase<BenchtopDb>): IdbRunStore {
  return {
    close: () => db.close(),

    async putRun(run: Run) {
      const tx = db.transaction(['runs', 'outbox'], 'readwrite');
      const entry: NewOutboxEntry = { kind: 'run', runId: run.id, run };
      await Promise.all([tx.objectStore('runs').put(run), tx.objectStore('outbox').add(entry as OutboxEntry), tx.done]);
    },

    getRun: (id) => db.get('runs', id),

    async listRuns(filter = {}) {
      const runs = filter.projectId
        ? await db.getAllFromIndex('runs', 'projectId', filter.projectId)
        : await db.getAll('runs');
      return runs
        .filter((r) => filter.sweepId === undefined || r.sweepId === filter.sweepId)
        .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    },

    async deleteRun(id) {
      const tx = db.transaction(['runs', 'metrics', 'artifacts', 'artifactBytes', 'outbox'], 'readwrite');
      const artifactIds = await tx.objectStore('artifacts').index('runId').getAllKeys(id);
      // Pending outbox entries go too: an artifact entry would point at bytes that no longer exist.
      const pending = await tx.objectStore('outbox').index('runId').getAllKeys(id);
      await Promise.all([
        tx.objectStore('runs').delete(id),
        ...pending.map((seq) => tx.objectStore('outbox').delete(seq)),
        tx.objectStore('metrics').delete(metricRange(id)),
        ...artifactIds.flatMap((a) => [tx.objectStore('artifacts').delete(a), tx.objectStore('artifactBytes').delete(a)]),
        tx.done,
      ]);
    },

    async appendMetrics(points: MetricPoint[]) {
      if (points.length === 0) return;
      const tx = db.transaction(['metrics', 'outbox'], 'readwrite');
      const metrics = tx.objectStore('metrics');
      const outbox = tx.objectStore('outbox');
      const writes: Promise<unknown>[] = points.map((p) => metrics.put(p));
      // One outbox entry per run per call: the sync client ships a batch as one request.
      for (const [runId, runPoints] of groupByRun(points)) {
        const entry: NewOutboxEntry = { kind: 'metrics', runId, points: runPoints };
        writes.push(outbox.add(entry as OutboxEntry));
      }
      await Promise.all([...writes, tx.done]);
    },

    getMetrics: (runId, key) => db.getAll('metrics', metricRange(runId, key)),

    async getMetricsAfter(runId, afterStep) {
      const tx = db.transaction('metrics');
      const keys = await metricKeysOf(tx.store, runId);
      const reads = keys.map((key) =>
        key in afterStep
          ? tx.store.getAll(IDBKeyRange.bound([runId, key, afterStep[key]], [runId, key, AFTER_ALL], true))
          : tx.store.getAll(metricRange(runId, key)),
      );
      return (await Promise.all(reads)).flat();
    },

    metricKeys: (runId) => metricKeysOf(db.transaction('metrics').store, runId),

    async putArtifact(meta: Artifact, bytes: Uint8Array) {
      if (bytes.byteLength !== meta.sizeBytes) {
        throw new Error(`artifact ${meta.id}: sizeBytes is ${meta.sizeBytes} but ${bytes.byteLength} bytes were given`);
      }
      const tx = db.transaction(['artifacts', 'artifactBytes', 'outbox'], 'readwrite');
      const entry: NewOutboxEntry = { kind: 'artifact', runId: meta.runId, artifactId: meta.id };
      await Promise.all([
        tx.objectStore('artifacts').put(meta),
        tx.objectStore('artifactBytes').put(bytes, meta.id),
        tx.objectStore('outbox').add(entry as OutboxEntry),
        tx.done,
      ]);
    },

    async listArtifacts(runId) {
      const list = await db.getAllFromIndex('artifacts', 'runId', runId);
      return list.sort((a, b) => a.createdAt - b.createdAt);
    },

    async getArtifact(id) {
      const tx = db.transaction(['artifacts', 'artifactBytes']);
      const [meta, bytes] = await Promise.all([tx.objectStore('artifacts').get(id), tx.objectStore('artifactBytes').get(id)]);
      return meta && bytes ? { meta, bytes } : undefined;
    },

    outboxPeek: (limit) => db.getAll('outbox', undefined, limit),

    async outboxAck(seqs) {
      const tx = db.transaction('outbox', 'readwrite');
      await Promise.all([...seqs.map((s) => tx.store.delete(s)), tx.done]);
    },

    outboxCount: (runId) => (runId === undefined ? db.count('outbox') : db.countFromIndex('outbox', 'runId', runId)),
  };
}

function groupByRun(points: MetricPoint[]): Map<string, MetricPoint[]> {
  const byRun = new Map<string, MetricPoint[]>();
  for (const p of points) {
    const list = byRun.get(p.runId);
    if (list) list.push(p);
    else byRun.set(p.runId, [p]);
  }
  return byRun;
}
