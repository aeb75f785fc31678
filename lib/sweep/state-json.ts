import { z } from 'zod';
import { toWireNumber, WireNumberSchema } from '@/lib/track/wire-number';
import { SweepSpecSchema } from './spec';
import { SWEEP_STATE_VERSION, type SweepState, type TrialRecord } from './sweep-state';

/**
 * A sweep state as JSON stores it (server row, IndexedDB, a saved notebook). Reported values and
 * results may be NaN or ±Infinity (a diverged trial), which plain JSON would turn into null, so
 * they travel as wire numbers (lib/track/wire-number.ts). Reading validates everything, the spec
 * included, so a corrupted row is a clear error instead of a sweep that misbehaves later.
 */

const TrialStatusSchema = z.enum(['pending', 'leased', 'running', 'finished', 'stopped', 'failed']);

const WireTrialRecord = z.object({
  id: z.string().min(1).max(64),
  index: z.number().int().min(0),
  config: z.record(z.string(), z.unknown()),
  status: TrialStatusSchema,
  agentId: z.string().nullable(),
  leaseExpiresAtMs: z.number().nullable(),
  attempt: z.number().int().min(0),
  agents: z.array(z.string()),
  epochs: z.array(z.number()),
  values: z.array(WireNumberSchema),
  metric: WireNumberSchema.nullable(),
  reason: z.string().nullable(),
});

export const WireSweepStateSchema = z.object({
  version: z.literal(SWEEP_STATE_VERSION),
  spec: SweepSpecSchema,
  seed: z.number().int(),
  status: z.enum(['running', 'finished', 'stopped']),
  reason: z.string().nullable(),
  targetReached: z.boolean(),
  trials: z.array(WireTrialRecord),
});

/** JSON-safe copy of a state (non-finite numbers as tokens). */
export function sweepStateToJSON(state: SweepState) {
  return {
    ...state,
    trials: state.trials.map((t: TrialRecord) => ({
      ...t,
      values: t.values.map(toWireNumber),
      metric: t.metric === null ? null : toWireNumber(t.metric),
    })),
  };
}

/** Validates stored JSON and restores the state; throws a ZodError naming the bad field. */
export function sweepStateFromJSON(json: unknown): SweepState {
  return WireSweepStateSchema.parse(json) as SweepState;
}
