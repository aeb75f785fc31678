/**
 * Turns a model's first output row into something to draw as bars: probabilities when the row
 * already is a distribution (softmax/sigmoid heads), otherwise softmax of the raw scores,
 * flagged so the page can say so.
 */
export interface ClassScores {
  /** One value per class, summing to 1. */
  probabilities: number[];
  /** Index of the highest score. */
  top: number;
  /** True when softmax was applied here because the model outputs raw scores. */
  softmaxApplied: boolean;
}

export function classScores(row: ArrayLike<number>): ClassScores {
  const values = Array.from(row);
  if (values.length === 1) {
    // One sigmoid unit: P(class 1) = value.
    const p = Math.min(1, Math.max(0, values[0]));
    return { probabilities: [1 - p, p], top: p > 0.5 ? 1 : 0, softmaxApplied: false };
  }
  const sum = values.reduce((a, b) => a + b, 0);
  const isDistribution = values.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 1e-3;
  let probabilities = values;
  if (!isDistribution) {
    const max = Math.max(...values);
    const exps = values.map((v) => Math.exp(v - max));
    const total = exps.reduce((a, b) => a + b, 0);
    probabilities = exps.map((e) => e / total);
  }
  const top = probabilities.reduce((best, p, i) => (p > probabilities[best] ? i : best), 0);
  return { probabilities, top, softmaxApplied: !isDistribution };
}
