import { z } from 'zod';
import { AliasName } from '../registry/api';
import { NonFiniteToken } from '../track/wire-number';

/**
 * Alert rules (issue 15) on a model version's monitoring metrics or on a run's logged metrics,
 * and the workspace's webhook. Shared by the routes, the model and run pages.
 *   GET    /api/v1/alerts?model=&runId=    → AlertListResponse (evaluated first)
 *   POST   /api/v1/alerts                  AlertRuleInput → 201 {rule}
 *   DELETE /api/v1/alerts/:ruleId
 *   GET|PUT /api/v1/alerts/webhook         {url: string | null} (workspace owner only; http(s) only)
 */

export const MODEL_ALERT_METRICS = ['error_rate', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'requests', 'drift_psi', 'accuracy', 'memory_mb'] as const;
export const COMPARATORS = ['>', '>=', '<', '<=', 'not_finite'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/**
 * A model rule watches one version, or an alias (`champion`): an alias rule reads whichever
 * version the alias points at when it is evaluated, so moving the alias moves the rule.
 */
export const AlertTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('model'), name: z.string().min(1).max(256), version: z.number().int().min(1).max(2_147_483_647).optional(), alias: AliasName.optional() }).strict(),
  z.object({ kind: z.literal('run'), runId: z.string().min(1).max(128) }).strict(),
]);
export type AlertTarget = z.infer<typeof AlertTarget>;

export const AlertRuleInput = z
  .object({
    target: AlertTarget,
    /** A model metric (MODEL_ALERT_METRICS) or, for a run, a logged metric key such as `train/loss`. */
    metric: z.string().min(1).max(250),
    comparator: z.enum(COMPARATORS),
    /** Ignored by not_finite. */
    threshold: z.number().finite().default(0),
    /** Model rules: the monitoring window the metric is read over (minutes). Run rules read the last logged value. */
    windowMinutes: z.number().int().min(1).max(1440).default(10),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.target.kind === 'model' && (r.target.version === undefined) === (r.target.alias === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'a model rule names either a version (e.g. 3) or an alias (e.g. "champion"), not both and not neither' });
    }
    if (r.target.kind === 'model' && !(MODEL_ALERT_METRICS as readonly string[]).includes(r.metric)) {
      ctx.addIssue({ code: 'custom', path: ['metric'], message: `a model rule's metric is one of ${MODEL_ALERT_METRICS.join(', ')}` });
    }
  });
export type AlertRuleInput = z.infer<typeof AlertRuleInput>;

export const AlertEventWire = z.object({
  id: z.string(),
  firedAt: z.number(),
  value: z.number().nullable(),
  message: z.string(),
  /** pending | delivered | failed | no_webhook */
  delivery: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type AlertEventWire = z.infer<typeof AlertEventWire>;

export const AlertRuleWire = z.object({
  id: z.string(),
  target: AlertTarget,
  metric: z.string(),
  comparator: z.enum(COMPARATORS),
  threshold: z.number(),
  windowMinutes: z.number().int(),
  createdAt: z.number(),
  state: z.enum(['ok', 'firing']),
  /** Last evaluated value (null: no data; NaN/Infinity as strings). */
  lastValue: z.union([z.number(), NonFiniteToken]).nullable(),
  evaluatedAt: z.number().nullable(),
  /** The version a model rule reads now (an alias rule: where the alias points; null: nowhere). */
  currentVersion: z.number().int().nullable(),
  events: z.array(AlertEventWire),
});
export type AlertRuleWire = z.infer<typeof AlertRuleWire>;

export const AlertListResponse = z.object({ rules: z.array(AlertRuleWire), webhookConfigured: z.boolean() });
export type AlertListResponse = z.infer<typeof AlertListResponse>;

export const WebhookRequest = z
  .object({
    url: z
      .string()
      .max(2048)
      .refine((u) => URL.canParse(u) && ['http:', 'https:'].includes(new URL(u).protocol), 'the webhook URL must be an absolute http:// or https:// URL')
      .nullable(),
  })
  .strict();

export const AlertListQuery = z.object({ model: z.string().max(256).optional(), runId: z.string().max(128).optional() });

/** What the webhook receives (POST, application/json). */
export interface AlertWebhookPayload {
  type: 'benchtop.alert';
  ruleId: string;
  target: AlertTarget;
  metric: string;
  comparator: Comparator;
  threshold: number;
  windowMinutes: number;
  value: number | string | null;
  /** The version the value was read from (for an alias rule, where the alias pointed). */
  version: number | null;
  message: string;
  firedAt: number;
  /** The page showing it, relative to the app. */
  path: string;
}

/** Whether `value` breaks the rule. null (no data) never does; NaN only breaks not_finite. */
export function breaks(value: number | null, comparator: Comparator, threshold: number): boolean {
  if (value === null) return false;
  switch (comparator) {
    case 'not_finite':
      return !Number.isFinite(value);
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}
