import type { HostTensor, TensorData } from './tensor-input';

/**
 * Dynamic batching: requests that arrive while the model is busy run together in one call,
 * concatenated along axis 0, and each gets its own rows of every output back. An idle model
 * waits (up to `maxWaitMs`) only for requests announced with `expect()` (the route announces a
 * request once it has resolved the model, before reading its body): a lone client never waits
 * for a batch that is not coming, so batching costs it nothing; under load, one run serves many.
 */

export interface OutputTensorData {
  dims: readonly number[];
  dtype: string;
  data: TensorData | ArrayLike<number>;
}

export type Feeds = Record<string, HostTensor>;
export type RunFn = (feeds: Feeds) => Promise<Record<string, OutputTensorData>>;

export interface BatcherOptions {
  run: RunFn;
  /** All inputs and outputs have a free axis 0: false → every request runs alone. */
  batchable: boolean;
  /** Most rows in one run (default 64). */
  maxBatchRows?: number;
  /** How long an idle model waits for announced requests before running (default 0: no wait). */
  maxWaitMs?: number;
}

export interface BatchedResult {
  outputs: Record<string, OutputTensorData>;
  /** Rows of the run this request was part of. */
  batchRows: number;
}

interface Pending {
  feeds: Feeds;
  rows: number;
  /** Non-batch dims of every input: only requests with the same key can be stacked. */
  key: string;
  resolve(r: BatchedResult): void;
  reject(e: unknown): void;
}

function shapeKey(feeds: Feeds): string {
  return Object.keys(feeds)
    .sort()
    .map((k) => `${k}:${feeds[k].dtype}:${feeds[k].dims.slice(1).join('x')}`)
    .join('|');
}

function concat(parts: TensorData[]): TensorData {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const Ctor = parts[0].constructor as new (n: number) => TensorData;
  const out = new Ctor(total);
  let offset = 0;
  for (const p of parts) {
    (out as Float32Array).set(p as Float32Array, offset);
    offset += p.length;
  }
  return out;
}

function sliceRows(t: OutputTensorData, start: number, rows: number, totalRows: number): OutputTensorData {
  const rowSize = totalRows === 0 ? 0 : t.data.length / totalRows;
  const data = t.data as Float32Array;
  return { dims: [rows, ...t.dims.slice(1)], dtype: t.dtype, data: data.slice(start * rowSize, (start + rows) * rowSize) };
}

export class DynamicBatcher {
  private queue: Pending[] = [];
  private running = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Requests announced (`expect`) whose feeds have not been submitted yet. */
  private announced = 0;
  private readonly maxRows: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: BatcherOptions) {
    this.maxRows = options.maxBatchRows ?? 64;
    this.maxWaitMs = options.maxWaitMs ?? 0;
  }

  /** Requests waiting or running; a session is not closed while this is above 0. */
  get inFlight(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** A request for this model is on its way (its body is being read); `submit` or `cancel` ends it. */
  expect(): void {
    this.announced++;
  }

  /** An announced request will not submit (its body was refused). */
  cancel(): void {
    this.announced = Math.max(0, this.announced - 1);
    this.schedule();
  }

  submit(feeds: Feeds): Promise<BatchedResult> {
    this.announced = Math.max(0, this.announced - 1);
    const rows = Object.values(feeds)[0]?.dims[0] ?? 1;
    if (!this.options.batchable) return this.options.run(feeds).then((outputs) => ({ outputs, batchRows: rows }));
    return new Promise((resolve, reject) => {
      this.queue.push({ feeds, rows, key: shapeKey(feeds), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.queue.length === 0) return;
    const queuedRows = this.queue.reduce((n, p) => n + p.rows, 0);
    // Nobody else is on the way (or the batch is full): waiting would only add latency.
    if (this.maxWaitMs <= 0 || queuedRows >= this.maxRows || this.announced === 0) {
      void this.runNext();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.runNext(), this.maxWaitMs);
    }
  }

  private takeBatch(): Pending[] {
    const head = this.queue[0];
    const batch: Pending[] = [];
    let rows = 0;
    const rest: Pending[] = [];
    for (const p of this.queue) {
      // The head always runs (even alone over the limit); others join while they fit.
      if (p.key === head.key && (batch.length === 0 || rows + p.rows <= this.maxRows)) {
        batch.push(p);
        rows += p.rows;
      } else rest.push(p);
    }
    this.queue = rest;
    return batch;
  }

  private async runNext(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const batch = this.takeBatch();
    const totalRows = batch.reduce((n, p) => n + p.rows, 0);
    try {
      const feeds: Feeds =
        batch.length === 1
          ? batch[0].feeds
          : Object.fromEntries(
              Object.keys(batch[0].feeds).map((name) => {
                const first = batch[0].feeds[name];
                return [name, { dtype: first.dtype, dims: [totalRows, ...first.dims.slice(1)], data: concat(batch.map((p) => p.feeds[name].data)) }];
              }),
            );
      const outputs = await this.options.run(feeds);
      let start = 0;
      for (const p of batch) {
        const mine = batch.length === 1 ? outputs : Object.fromEntries(Object.entries(outputs).map(([k, t]) => [k, sliceRows(t, start, p.rows, totalRows)]));
        p.resolve({ outputs: mine, batchRows: totalRows });
        start += p.rows;
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      this.running = false;
      // Whatever queued during the run has waited already: it runs now.
      if (this.queue.length > 0) void this.runNext();
    }
  }
}
