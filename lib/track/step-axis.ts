import { z } from 'zod';

/** What a metric's `step` counts: optimizer steps / generic steps, epochs, or batches. */
export const StepAxis = z.enum(['step', 'epoch', 'batch']);
export type StepAxis = z.infer<typeof StepAxis>;

/**
 * Recorded on a run (env.stepAxes): metric key, or key prefix ending in `*`, → what its steps
 * count, so charts can say "per epoch" only for what was logged per epoch. The longest matching
 * pattern wins; keys nothing matches count generic steps.
 */
export const StepAxes = z.record(z.string().max(250), StepAxis);
export type StepAxes = z.infer<typeof StepAxes>;

export function stepAxisOf(key: string, axes: StepAxes): StepAxis {
  if (axes[key]) return axes[key];
  let best: { length: number; axis: StepAxis } | null = null;
  for (const [pattern, axis] of Object.entries(axes)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (key.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, axis };
  }
  return best?.axis ?? 'step';
}
