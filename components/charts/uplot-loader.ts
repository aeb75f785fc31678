import type uPlot from 'uplot';

let loading: Promise<typeof uPlot> | null = null;

/** uPlot and its CSS, fetched on first use (no page pays for charts it does not draw). */
export function loadUplot(): Promise<typeof uPlot> {
  loading ??= Promise.all([import('uplot'), import('./uplot-styles')]).then(([mod]) => mod.default);
  return loading;
}
