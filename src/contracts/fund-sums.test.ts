import { describe, expect, it } from 'vitest';
import type { FiguresColumns } from './explore-binary-read';
import { sumFunds } from './fund-sums';

/** Three rows over two channels: both, one, none. */
const figures: FiguresColumns = {
  count: 3,
  households: new Float64Array(3).fill(NaN),
  residents: new Float64Array(3).fill(NaN),
  buildings: new Float64Array(3).fill(NaN),
  funds: [
    { field: 'fund_a', values: Float64Array.from([100, NaN, NaN]) },
    { field: 'fund_b', values: Float64Array.from([0.5, 7, NaN]) },
  ],
};

describe('sumFunds', () => {
  it('splits each row by the fiscal rule it is given and adds fiscal plus non-fiscal', () => {
    const byA = sumFunds(figures, (field) => field === 'fund_a');
    expect([...byA.fundFiscal]).toEqual([100, 0, 0]);
    expect([...byA.fundTotal]).toEqual([100.5, 7, 0]);
    expect([...byA.reportsFunds]).toEqual([1, 1, 0]);
    const none = sumFunds(figures, () => undefined);
    expect([...none.fundFiscal]).toEqual([0, 0, 0]);
    expect([...none.fundTotal]).toEqual([100.5, 7, 0]);
  });
});
