import { describe, expect, it } from 'vitest';
import type { FiguresColumns } from './explore-binary-read';
import { figureTotals } from './explore-totals';

describe('figureTotals', () => {
  it('adds up every row, missing values as 0, government channels apart', () => {
    const figures: FiguresColumns = {
      count: 3,
      households: Float64Array.from([420, NaN, 96]),
      residents: Float64Array.from([NaN, NaN, 7]),
      buildings: Float64Array.from([1, 2, 3]),
      funds: [
        { field: 'fund_central', values: Float64Array.from([100, NaN, 5]) },
        { field: 'fund_social', values: Float64Array.from([NaN, 0.5, 2]) },
      ],
    };
    expect(figureTotals(figures)).toEqual({
      households: 516,
      residents: 7,
      fundTotal: 107.5,
      fundFiscal: 105,
    });
  });

  it('is all zeros without rows or channels', () => {
    const none = new Float64Array(0);
    expect(figureTotals({ count: 0, households: none, residents: none, buildings: none, funds: [] })).toEqual(
      { households: 0, residents: 0, fundTotal: 0, fundFiscal: 0 },
    );
  });
});
