import { describe, expect, it } from 'vitest';
import type uPlot from 'uplot';
import { formatTick, Y_AXIS } from '@/components/charts/axis-style';

describe('chart axis labels', () => {
  it('formats ticks compactly', () => {
    expect([0, 0.5, 1234, 12_345, 2.5e6, 3e9, 0.0001].map(formatTick)).toEqual(['0', '0.5', '1230', '12.3k', '2.5M', '3G', '1e-4']);
  });

  it('leaves the unlabelled ticks of a log scale (null) blank instead of throwing', () => {
    // A log-y chart crashed with "Cannot read properties of null (reading 'toExponential')".
    const values = Y_AXIS.values as (u: uPlot, ticks: (number | null)[]) => string[];
    expect(values({} as uPlot, [0.1, null, null, 1, null, 10])).toEqual(['0.1', '', '', '1', '', '10']);
  });
});
