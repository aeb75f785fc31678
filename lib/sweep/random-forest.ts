import { createRng } from '@/lib/data/rng';

/**
 * A small regression random forest, used only to rank hyperparameters by how much they explain
 * the sweep metric (the "importance" column of the sweep page, like W&B's parameter importance
 * panel). Importance is out-of-bag *permutation* importance: for each tree, how much its error
 * on the trials it did not train on grows when one parameter's values are shuffled among them,
 * averaged over trees, negatives clipped, normalized to sum to 1. Split-gain ("impurity")
 * importance was tried first and credited ~10% to a parameter with no effect at all; the
 * permutation measure does not reward a forest for fitting noise. Unlike correlation, it sees
 * non-monotone effects (a learning rate bad both too low and too high) and interactions.
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

type TreeNode = { leaf: number } | { feature: number; threshold: number; left: TreeNode; right: TreeNode };

const meanOf = (rows: readonly number[], y: readonly number[]) => rows.reduce((s, r) => s + y[r], 0) / rows.length;

/** Grows one tree on `rows` (a bootstrap sample), trying ⌈p/3⌉ random features per split. */
function growTree(rows: number[], depth: number, ctx: { x: readonly number[][]; y: readonly number[]; o: ForestOptions; rng: () => number }): TreeNode {
  if (depth >= ctx.o.maxDepth || rows.length < 2 * ctx.o.minLeaf) return { leaf: meanOf(rows, ctx.y) };
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
  if (!best) return { leaf: meanOf(rows, ctx.y) };
  return { feature: best.feature, threshold: best.threshold, left: growTree(best.left, depth + 1, ctx), right: growTree(best.right, depth + 1, ctx) };
}

function predict(node: TreeNode, row: readonly number[]): number {
  let n = node;
  while (!('leaf' in n)) n = row[n.feature] <= n.threshold ? n.left : n.right;
  return n.leaf;
}

function squaredError(tree: TreeNode, rows: readonly (readonly number[])[], y: readonly number[]): number {
  return rows.reduce((s, row, i) => s + (predict(tree, row) - y[i]) ** 2, 0) / rows.length;
}

/** Importance per column of `x` (rows = trials), summing to 1; all zeros when nothing is explained. */
export function forestImportance(x: readonly number[][], y: readonly number[], options: Partial<ForestOptions> = {}): number[] {
  const o = { ...DEFAULT_FOREST_OPTIONS, ...options };
  const p = x[0]?.length ?? 0;
  const importance = new Array<number>(p).fill(0);
  if (x.length < 2 * o.minLeaf || p === 0) return importance;
  const rng = createRng(o.seed);
  for (let t = 0; t < o.trees; t++) {
    const bootstrap = Array.from({ length: x.length }, () => Math.floor(rng() * x.length));
    const tree = growTree(bootstrap, 0, { x, y, o, rng });
    const inBag = new Set(bootstrap);
    const oob = x.map((_, r) => r).filter((r) => !inBag.has(r));
    if (oob.length < 2) continue;
    const rows = oob.map((r) => x[r]);
    const targets = oob.map((r) => y[r]);
    const baseline = squaredError(tree, rows, targets);
    for (let f = 0; f < p; f++) {
      const shuffled = rows.map((row) => [...row]);
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [shuffled[i][f], shuffled[j][f]] = [shuffled[j][f], shuffled[i][f]];
      }
      importance[f] += squaredError(tree, shuffled, targets) - baseline;
    }
  }
  const clipped = importance.map((v) => Math.max(0, v));
  const total = clipped.reduce((s, v) => s + v, 0);
  return total > 0 ? clipped.map((v) => v / total) : clipped;
}
