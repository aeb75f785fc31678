import { createRng } from '@/lib/data/rng';

/**
 * A small regression random forest, used only to rank hyperparameters by how much they explain
 * the sweep metric (the "importance" column of the sweep page, as W&B's parameter importance
 * panel does). Importance is the mean decrease in squared error credited to each feature over
 * all splits of all trees, normalized to sum to 1. Unlike correlation it sees non-monotone
 * effects (a learning rate that is bad both too low and too high) and interactions.
 */

export interface ForestOptions {
  trees: number;
  maxDepth: number;
  minLeaf: number;
  seed: number;
}

export const DEFAULT_FOREST_OPTIONS: ForestOptions = { trees: 64, maxDepth: 5, minLeaf: 2, seed: 0 };

interface Split {
  feature: number;
  threshold: number;
  gain: number;
  left: number[];
  right: number[];
}

function sse(rows: readonly number[], y: readonly number[]): number {
  let sum = 0;
  let sq = 0;
  for (const r of rows) {
    sum += y[r];
    sq += y[r] * y[r];
  }
  return sq - (sum * sum) / Math.max(rows.length, 1);
}

/** The best split of `rows` on `feature`: one sorted sweep with running sums, O(n log n). */
function bestSplitOn(rows: number[], feature: number, x: readonly number[][], y: readonly number[], minLeaf: number, parentSse: number): Split | null {
  const sorted = [...rows].sort((a, b) => x[a][feature] - x[b][feature]);
  const total = sorted.reduce((s, r) => s + y[r], 0);
  const totalSq = sorted.reduce((s, r) => s + y[r] * y[r], 0);
  let leftSum = 0;
  let leftSq = 0;
  let best: Split | null = null;
  for (let i = 0; i < sorted.length - 1; i++) {
    leftSum += y[sorted[i]];
    leftSq += y[sorted[i]] * y[sorted[i]];
    const nl = i + 1;
    const nr = sorted.length - nl;
    const here = x[sorted[i]][feature];
    const next = x[sorted[i + 1]][feature];
    if (nl < minLeaf || nr < minLeaf || here === next) continue;
    const childSse = leftSq - (leftSum * leftSum) / nl + (totalSq - leftSq) - ((total - leftSum) ** 2) / nr;
    const gain = parentSse - childSse;
    if (gain > 1e-12 && (!best || gain > best.gain)) {
      best = { feature, threshold: (here + next) / 2, gain, left: sorted.slice(0, nl), right: sorted.slice(nl) };
    }
  }
  return best;
}

/** Grows one tree, adding each split's error reduction to `importance[feature]`. */
function growTree(rows: number[], depth: number, ctx: { x: readonly number[][]; y: readonly number[]; o: ForestOptions; rng: () => number; importance: number[] }): void {
  if (depth >= ctx.o.maxDepth || rows.length < 2 * ctx.o.minLeaf) return;
  const p = ctx.x[0].length;
  const tryCount = Math.max(1, Math.ceil(p / 3));
  const features = Array.from({ length: p }, (_, i) => i);
  for (let i = 0; i < tryCount; i++) {
    const j = i + Math.floor(ctx.rng() * (p - i));
    [features[i], features[j]] = [features[j], features[i]];
  }
  const parentSse = sse(rows, ctx.y);
  let best: Split | null = null;
  for (const f of features.slice(0, tryCount)) {
    const split = bestSplitOn(rows, f, ctx.x, ctx.y, ctx.o.minLeaf, parentSse);
    if (split && (!best || split.gain > best.gain)) best = split;
  }
  if (!best) return;
  ctx.importance[best.feature] += best.gain;
  growTree(best.left, depth + 1, ctx);
  growTree(best.right, depth + 1, ctx);
}

/** Importance per column of `x` (rows = trials), summing to 1; all zeros when nothing splits. */
export function forestImportance(x: readonly number[][], y: readonly number[], options: Partial<ForestOptions> = {}): number[] {
  const o = { ...DEFAULT_FOREST_OPTIONS, ...options };
  const p = x[0]?.length ?? 0;
  const importance = new Array<number>(p).fill(0);
  if (x.length < 2 * o.minLeaf || p === 0) return importance;
  const rng = createRng(o.seed);
  for (let t = 0; t < o.trees; t++) {
    const bootstrap = Array.from({ length: x.length }, () => Math.floor(rng() * x.length));
    growTree(bootstrap, 0, { x, y, o, rng, importance });
  }
  const total = importance.reduce((s, v) => s + v, 0);
  return total > 0 ? importance.map((v) => v / total) : importance;
}
