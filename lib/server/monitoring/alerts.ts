import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { breaks, type AlertRuleInput, type AlertRuleWire, type AlertTarget, type AlertWebhookPayload, type Comparator } from '@/lib/serving/alerts-api';
import type { VersionMonitoring } from '@/lib/serving/api';
import { toWireNumber } from '@/lib/track/wire-number';
import type { Database } from '../db/schema';
import type { AlertRulesTable } from './tables';
import { deliverWebhook, type DeliveryOptions } from './webhook';

/**
 * Alert rules, their evaluation and firing. A rule fires when its metric breaks the threshold
 * after being fine (state ok → firing): one event, one webhook delivery; it is re-armed when the
 * metric is fine again. Model rules read the version's monitoring over the rule's window; run
 * rules read the metric's last logged value (NaN/Infinity included, for `not_finite`).
 */

const WEBHOOK_KEY = 'alerts.webhook_url';
const EVENTS_SHOWN = 5;

type RuleRow = Selectable<AlertRulesTable>;

export interface AlertsDeps {
  kysely: Kysely<Database>;
  /** The last logged value of a run's metric (NaN stays NaN); null when it has none. */
  lastMetric(runId: string, key: string): Promise<number | null>;
  /** A version's monitoring over the last `minutes`. */
  monitoring(name: string, version: number, minutes: number): Promise<VersionMonitoring>;
  /** The version an alias points at now; null when the model has no such alias. */
  aliasVersion(name: string, alias: string): Promise<number | null>;
  delivery?: DeliveryOptions;
  log?: (line: string) => void;
  now?: () => number;
}

function targetOf(r: RuleRow): AlertTarget {
  if (r.target_kind === 'run') return { kind: 'run', runId: r.run_id! };
  return r.model_alias !== null ? { kind: 'model', name: r.model_name!, alias: r.model_alias } : { kind: 'model', name: r.model_name!, version: r.model_version! };
}

function modelValue(m: VersionMonitoring, metric: string): number | null {
  switch (metric) {
    case 'error_rate':
      return m.totals.errorRate;
    case 'latency_p50_ms':
      return m.totals.p50Ms;
    case 'latency_p95_ms':
      return m.totals.p95Ms;
    case 'latency_p99_ms':
      return m.totals.p99Ms;
    case 'requests':
      return m.totals.requests;
    case 'drift_psi':
      // Only once enough rows were compared for the PSI to mean something (DRIFT_MIN_ROWS).
      return m.drift && m.drift.rows >= m.drift.minRows ? m.drift.maxPsi : null;
    case 'accuracy':
      return m.accuracy.accuracy;
    case 'memory_mb':
      return m.series.length ? Math.max(...m.series.map((p) => p.rssBytes)) / 1_048_576 : null;
    default:
      return null;
  }
}

const wireNumber = (v: number | null) => (v === null ? null : toWireNumber(v));
const describe = (r: RuleRow) => (r.comparator === 'not_finite' ? `${r.metric} is not finite` : `${r.metric} ${r.comparator} ${r.threshold}`);

export class Alerts {
  private readonly now: () => number;
  private evaluating: Promise<void> = Promise.resolve();
  /** Deliveries in flight (tests and close wait for them). */
  private readonly deliveries = new Set<Promise<void>>();

  constructor(private readonly deps: AlertsDeps) {
    this.now = deps.now ?? Date.now;
  }

  async create(input: AlertRuleInput): Promise<AlertRuleWire> {
    const t = input.target;
    const row: RuleRow = {
      id: `al-${randomUUID()}`,
      target_kind: t.kind,
      model_name: t.kind === 'model' ? t.name : null,
      model_version: t.kind === 'model' ? (t.version ?? null) : null,
      model_alias: t.kind === 'model' ? (t.alias ?? null) : null,
      run_id: t.kind === 'run' ? t.runId : null,
      metric: input.metric,
      comparator: input.comparator,
      threshold: input.threshold,
      window_minutes: input.windowMinutes,
      created_at: this.now(),
      state: 'ok',
      last_value: null,
      evaluated_at: null,
    };
    await this.deps.kysely.insertInto('alert_rules').values(row).execute();
    return (await this.list({ ids: [row.id] }))[0];
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.deps.kysely.deleteFrom('alert_rules').where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async list(filter: { model?: string; runId?: string; ids?: string[] } = {}): Promise<AlertRuleWire[]> {
    let q = this.deps.kysely.selectFrom('alert_rules').selectAll().orderBy('created_at');
    if (filter.model !== undefined) q = q.where('model_name', '=', filter.model);
    if (filter.runId !== undefined) q = q.where('run_id', '=', filter.runId);
    if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : ['']);
    const rows = await q.execute();
    const events = rows.length
      ? await this.deps.kysely.selectFrom('alert_events').selectAll().where('rule_id', 'in', rows.map((r) => r.id)).orderBy('fired_at', 'desc').execute()
      : [];
    const versions = await Promise.all(rows.map((r) => this.versionOf(r)));
    return rows.map((r, i) => ({
      id: r.id,
      target: targetOf(r),
      metric: r.metric,
      comparator: r.comparator as Comparator,
      threshold: r.threshold,
      windowMinutes: r.window_minutes,
      createdAt: Number(r.created_at),
      state: r.state === 'firing' ? 'firing' : 'ok',
      lastValue: r.last_value === null ? null : wireNumber(Number(r.last_value)),
      evaluatedAt: r.evaluated_at === null ? null : Number(r.evaluated_at),
      currentVersion: versions[i],
      events: events
        .filter((e) => e.rule_id === r.id)
        .slice(0, EVENTS_SHOWN)
        .map((e) => ({ id: e.id, firedAt: Number(e.fired_at), value: e.value === null || !Number.isFinite(Number(e.value)) ? null : Number(e.value), message: e.message, delivery: e.delivery, attempts: e.attempts, lastError: e.last_error })),
    }));
  }

  async webhookUrl(): Promise<string | null> {
    const row = await this.deps.kysely.selectFrom('workspace_settings').select('value').where('key', '=', WEBHOOK_KEY).executeTakeFirst();
    return row?.value ?? null;
  }

  async setWebhookUrl(url: string | null): Promise<void> {
    const { kysely } = this.deps;
    if (url === null) {
      await kysely.deleteFrom('workspace_settings').where('key', '=', WEBHOOK_KEY).execute();
      return;
    }
    await kysely
      .insertInto('workspace_settings')
      .values({ key: WEBHOOK_KEY, value: url, updated_at: this.now() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: url, updated_at: this.now() }))
      .execute();
  }

  /** Evaluates the rules of `filter` (all by default), one evaluation at a time. */
  evaluate(filter: { models?: { name: string; version: number }[] } = {}): Promise<void> {
    this.evaluating = this.evaluating.then(() => this.evaluateNow(filter)).catch((e: unknown) => this.deps.log?.(`[benchtop] alert evaluation failed: ${String(e)}`));
    return this.evaluating;
  }

  /** Resolves when every webhook delivery started so far has finished (with its retries). */
  async settled(): Promise<void> {
    while (this.deliveries.size) await Promise.all([...this.deliveries]);
  }

  private async evaluateNow(filter: { models?: { name: string; version: number }[] }): Promise<void> {
    const rows = await this.deps.kysely.selectFrom('alert_rules').selectAll().execute();
    for (const r of rows) {
      // An alias rule reads the version its alias points at now: moving the alias moves the rule.
      const version = await this.versionOf(r);
      if (filter.models && !(r.target_kind === 'model' && filter.models.some((m) => m.name === r.model_name && m.version === version))) continue;
      const value = await this.valueOf(r, version);
      const firing = breaks(value, r.comparator as Comparator, r.threshold);
      const now = this.now();
      await this.deps.kysely
        .updateTable('alert_rules')
        .set({ state: firing ? 'firing' : 'ok', last_value: value !== null && Number.isFinite(value) ? value : null, evaluated_at: now })
        .where('id', '=', r.id)
        .execute();
      if (firing && r.state !== 'firing') await this.fire(r, value, version, now);
    }
  }

  /** The version a model rule reads: its own, or where its alias points now (null: nowhere). */
  private async versionOf(r: RuleRow): Promise<number | null> {
    if (r.target_kind !== 'model') return null;
    return r.model_alias !== null ? this.deps.aliasVersion(r.model_name!, r.model_alias) : r.model_version;
  }

  private async valueOf(r: RuleRow, version: number | null): Promise<number | null> {
    if (r.target_kind === 'model') return version === null ? null : modelValue(await this.deps.monitoring(r.model_name!, version, r.window_minutes), r.metric);
    return this.deps.lastMetric(r.run_id!, r.metric);
  }

  private async fire(r: RuleRow, value: number | null, version: number | null, firedAt: number): Promise<void> {
    const target = targetOf(r);
    const where = target.kind === 'run' ? `run ${target.runId}` : target.alias !== undefined ? `model ${target.name}@${target.alias} (v${version})` : `model ${target.name} v${version}`;
    const message = `${where}: ${describe(r)} (value ${value === null ? 'none' : String(Number.isFinite(value) ? Number(value.toPrecision(4)) : value)}${target.kind === 'model' ? `, last ${r.window_minutes} min` : ''})`;
    const url = await this.webhookUrl();
    const id = `ae-${randomUUID()}`;
    const { kysely } = this.deps;
    await kysely
      .insertInto('alert_events')
      .values({ id, rule_id: r.id, fired_at: firedAt, value: value !== null && Number.isFinite(value) ? value : null, message, delivery: url ? 'pending' : 'no_webhook', attempts: 0, last_error: null })
      .execute();
    if (!url) return;
    const payload: AlertWebhookPayload = {
      type: 'benchtop.alert',
      ruleId: r.id,
      target,
      metric: r.metric,
      comparator: r.comparator as Comparator,
      threshold: r.threshold,
      windowMinutes: r.window_minutes,
      value: wireNumber(value),
      version,
      message,
      firedAt,
      path: target.kind === 'model' ? `/models/${encodeURIComponent(target.name)}` : `/runs/${encodeURIComponent(target.runId)}`,
    };
    // Delivered in the background: evaluation (and a predict's flush) never waits on a slow receiver.
    const delivery = deliverWebhook(url, payload, this.deps.delivery)
      .then((d) => kysely.updateTable('alert_events').set({ delivery: d.delivered ? 'delivered' : 'failed', attempts: d.attempts, last_error: d.lastError }).where('id', '=', id).execute())
      .then(() => undefined, (e: unknown) => this.deps.log?.(`[benchtop] recording an alert delivery failed: ${String(e)}`))
      .finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }
}
