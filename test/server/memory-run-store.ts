import type { OutboxEntry, RunStore } from '@/lib/track/run-store';
import type { Artifact, MetricPoint, Run } from '@/lib/track/schemas';

/**
 * RunStore in memory, with the same outbox contract as the IndexedDB store: every write
 * enqueues an entry; `outboxAck` deletes entries. A "reload" is a new sync client over the same
 * store: the outbox survives, in-flight requests do not.
 */
export class MemoryRunStore implements RunStore {
  private runs = new Map<string, Run>();
  private metrics = new Map<string, Map<string, MetricPoint>>();
  private artifacts = new Map<string, { meta: Artifact; bytes: Uint8Array }>();
  private outbox = new Map<number, OutboxEntry>();
  private nextSeq = 1;
  /** Every ack call, for tests that check nothing is acked early. */
  readonly ackLog: number[][] = [];

  private enqueue(entry: OutboxEntry extends infer E ? (E extends OutboxEntry ? Omit<E, 'seq'> : never) : never): void {
    const seq = this.nextSeq++;
    this.outbox.set(seq, { ...entry, seq } as OutboxEntry);
  }

  async putRun(run: Run): Promise<void> {
    this.runs.set(run.id, structuredClone(run));
    this.enqueue({ kind: 'run', runId: run.id, run: structuredClone(run) });
  }
  async getRun(id: string) {
    return this.runs.get(id);
  }
  async listRuns(filter: { projectId?: string; sweepId?: string } = {}) {
    return [...this.runs.values()]
      .filter((r) => (!filter.projectId || r.projectId === filter.projectId) && (!filter.sweepId || r.sweepId === filter.sweepId))
      .sort((a, b) => b.createdAt - a.createdAt);
  }
  async deleteRun(id: string) {
    this.runs.delete(id);
    this.metrics.delete(id);
    for (const [aid, a] of this.artifacts) if (a.meta.runId === id) this.artifacts.delete(aid);
  }
  async appendMetrics(points: MetricPoint[]) {
    const byRun = new Map<string, MetricPoint[]>();
    for (const p of points) {
      let m = this.metrics.get(p.runId);
      if (!m) this.metrics.set(p.runId, (m = new Map()));
      m.set(`${p.key}\u0000${p.step}`, p);
      byRun.set(p.runId, [...(byRun.get(p.runId) ?? []), p]);
    }
    for (const [runId, list] of byRun) this.enqueue({ kind: 'metrics', runId, points: list });
  }
  async getMetrics(runId: string, key?: string) {
    return [...(this.metrics.get(runId)?.values() ?? [])]
      .filter((p) => !key || p.key === key)
      .sort((a, b) => (a.key === b.key ? a.step - b.step : a.key < b.key ? -1 : 1));
  }
  async getMetricsAfter(runId: string, afterStep: Readonly<Record<string, number>>) {
    return (await this.getMetrics(runId)).filter((p) => !(p.key in afterStep) || p.step > afterStep[p.key]);
  }
  async metricKeys(runId: string) {
    return [...new Set((await this.getMetrics(runId)).map((p) => p.key))];
  }
  async putArtifact(meta: Artifact, bytes: Uint8Array) {
    this.artifacts.set(meta.id, { meta, bytes });
    this.enqueue({ kind: 'artifact', runId: meta.runId, artifactId: meta.id });
  }
  async listArtifacts(runId: string) {
    return [...this.artifacts.values()].filter((a) => a.meta.runId === runId).map((a) => a.meta);
  }
  async getArtifact(id: string) {
    return this.artifacts.get(id);
  }
  async outboxPeek(limit: number) {
    return [...this.outbox.values()].sort((a, b) => a.seq - b.seq).slice(0, limit);
  }
  async outboxAck(seqs: number[]) {
    this.ackLog.push([...seqs]);
    for (const s of seqs) this.outbox.delete(s);
  }
  async outboxCount(runId?: string) {
    return [...this.outbox.values()].filter((e) => !runId || e.runId === runId).length;
  }
}
