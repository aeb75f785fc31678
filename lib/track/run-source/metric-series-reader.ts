import type { RunStore } from '../run-store';
import type { MetricPoint } from '../schemas';

/**
 * A run's metric series, read incrementally: each `read()` asks the store only for points after
 * the last step already held per key, so a page refreshing a running run every 2 s reads what was
 * logged since, not the whole history again.
 */
export class MetricSeriesReader {
  private series = new Map<string, MetricPoint[]>();
  private lastStep: Record<string, number> = {};
  /** Reads run one after another: two at once would both fetch (and add) the same new points. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Pick<RunStore, 'getMetricsAfter'>,
    private readonly runId: string,
  ) {}

  /** Reads what is new; returns the series by key (a new Map when something was added, else the same one). */
  read(): Promise<Map<string, MetricPoint[]>> {
    const next = this.queue.then(async () => {
      const points = await this.store.getMetricsAfter(this.runId, this.lastStep);
      return points.length === 0 ? this.series : this.add(points);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private add(points: MetricPoint[]): Map<string, MetricPoint[]> {
    const next = new Map(this.series);
    const grown = new Map<string, MetricPoint[]>();
    for (const p of points) {
      let list = grown.get(p.key);
      if (!list) grown.set(p.key, (list = [...(next.get(p.key) ?? [])]));
      list.push(p);
      this.lastStep[p.key] = Math.max(this.lastStep[p.key] ?? -Infinity, p.step);
    }
    for (const [key, list] of grown) next.set(key, list);
    this.series = next;
    return next;
  }
}
