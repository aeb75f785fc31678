import type { ExpectedInput } from '@/lib/serving/api';
import { DynamicBatcher, type Feeds, type OutputTensorData } from './batcher';

/**
 * Loaded onnxruntime-node sessions, one per model file (a file's storage key), at most
 * `maxSessions` of them: the least recently used is evicted when another loads, and released
 * only after the requests it is serving finish. Concurrent first requests share one load.
 */

/** The part of an onnxruntime InferenceSession the server uses (tests may pass a fake). */
export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] }[];
  readonly outputMetadata: readonly { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] }[];
  run(feeds: Feeds): Promise<Record<string, OutputTensorData>>;
  release(): Promise<void>;
  /** The session can no longer run (its worker stopped): the cache loads the file again. */
  readonly stopped?: boolean;
}

export interface LoadedModel {
  key: string;
  inputs: ExpectedInput[];
  batcher: DynamicBatcher;
  /** Requests holding this entry; an evicted entry is released when it drops to 0. */
  users: number;
  evicted: boolean;
  session: ModelSession;
}

export interface SessionCacheOptions {
  maxSessions: number;
  /** Bytes of the model file under `key` → a session. */
  open(key: string): Promise<ModelSession>;
  maxBatchRows?: number;
  maxWaitMs?: number;
}

function describe(meta: ModelSession['inputMetadata'][number]): ExpectedInput {
  return { name: meta.name, dims: meta.shape ? [...meta.shape] : [], dtype: meta.type ?? 'unknown' };
}

/** Axis 0 is free (symbolic or -1) on every input and output: requests can be stacked. */
export function hasDynamicBatch(session: ModelSession): boolean {
  const all = [...session.inputMetadata, ...session.outputMetadata];
  return all.length > 0 && all.every((m) => m.isTensor && m.shape !== undefined && m.shape.length > 0 && (typeof m.shape[0] === 'string' || m.shape[0] === -1));
}

export class SessionCache {
  private readonly entries = new Map<string, LoadedModel>();
  private readonly loading = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly options: SessionCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry for `key`, loaded if needed, held until `release` is called. */
  async acquire(key: string): Promise<LoadedModel> {
    const hit = this.entries.get(key);
    if (hit?.session.stopped) {
      this.entries.delete(key);
      this.evict(hit);
    } else if (hit) {
      // Map order is recency order: re-insert on use.
      this.entries.delete(key);
      this.entries.set(key, hit);
      hit.users++;
      return hit;
    }
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(key).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    const entry = await pending;
    if (entry.evicted) return this.acquire(key);
    entry.users++;
    return entry;
  }

  release(entry: LoadedModel): void {
    entry.users--;
    if (entry.evicted && entry.users === 0) void entry.session.release().catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const entry of this.entries.values()) this.evict(entry);
    this.entries.clear();
  }

  private async load(key: string): Promise<LoadedModel> {
    const session = await this.options.open(key);
    const entry: LoadedModel = {
      key,
      session,
      inputs: session.inputMetadata.map(describe),
      users: 0,
      evicted: false,
      batcher: new DynamicBatcher({
        run: (feeds) => session.run(feeds),
        batchable: hasDynamicBatch(session),
        maxBatchRows: this.options.maxBatchRows,
        maxWaitMs: this.options.maxWaitMs,
      }),
    };
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxSessions) {
      const oldest = this.entries.values().next().value as LoadedModel;
      this.entries.delete(oldest.key);
      this.evict(oldest);
    }
    return entry;
  }

  private evict(entry: LoadedModel): void {
    entry.evicted = true;
    if (entry.users === 0) void entry.session.release().catch(() => undefined);
  }
}
