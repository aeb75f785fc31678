/**
 * Standard global-optimization test functions for the sweep benchmark, with their known minima
 * (Surjanovic & Bingham's "Virtual Library of Simulation Experiments" definitions).
 */
export interface BenchmarkFunction {
  name: string;
  /** Parameter names with their bounds (sampled uniformly). */
  bounds: Record<string, [number, number]>;
  /** The true (noise-free) value. */
  f(x: Record<string, number>): number;
  /** The value the sweep observes (f plus noise for noisy functions). */
  observe(x: Record<string, number>, noise: () => number): number;
  minimum: number;
}

const branin = (x1: number, x2: number) => {
  const b = 5.1 / (4 * Math.PI * Math.PI);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
};

const H_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H_A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]];
const H_P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
  .map((row) => row.map((v) => v * 1e-4));

const hartmann6 = (x: number[]) =>
  -H_ALPHA.reduce((s, a, i) => s + a * Math.exp(-x.reduce((t, xj, j) => t + H_A[i][j] * (xj - H_P[i][j]) ** 2, 0)), 0);

const rosenbrock = (x: number[]) => x.slice(0, -1).reduce((s, xi, i) => s + 100 * (x[i + 1] - xi * xi) ** 2 + (1 - xi) ** 2, 0);

const H_KEYS = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
const R_KEYS = ['x1', 'x2', 'x3'];

export const BENCHMARK_FUNCTIONS: BenchmarkFunction[] = [
  {
    name: 'branin',
    bounds: { x1: [-5, 10], x2: [0, 15] },
    f: (x) => branin(x.x1, x.x2),
    observe: (x) => branin(x.x1, x.x2),
    minimum: 0.397887,
  },
  {
    name: 'hartmann6',
    bounds: Object.fromEntries(H_KEYS.map((k) => [k, [0, 1]])),
    f: (x) => hartmann6(H_KEYS.map((k) => x[k])),
    observe: (x) => hartmann6(H_KEYS.map((k) => x[k])),
    minimum: -3.32237,
  },
  {
    // Noise of σ = 20 on values that range from 0 to ~3,600: the sweep must not chase lucky draws.
    name: 'noisy-rosenbrock3',
    bounds: Object.fromEntries(R_KEYS.map((k) => [k, [-2, 2]])),
    f: (x) => rosenbrock(R_KEYS.map((k) => x[k])),
    observe: (x, noise) => rosenbrock(R_KEYS.map((k) => x[k])) + 20 * noise(),
    minimum: 0,
  },
];
