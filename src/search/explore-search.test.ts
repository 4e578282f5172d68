import { describe, expect, it } from 'vitest';
import { rowsBounds } from './explore-search';

describe('rowsBounds', () => {
  const columns = {
    lng: Float64Array.from([113, 112.5, 114, NaN]),
    lat: Float64Array.from([28, 28.5, 27.9, 30]),
  };

  it('spans the given rows only, skipping rows without a position', () => {
    expect(rowsBounds(columns, [0, 1])).toEqual([112.5, 28, 113, 28.5]);
    expect(rowsBounds(columns, [0, 2, 3])).toEqual([113, 27.9, 114, 28]);
  });

  it('is a point for one row and null for none', () => {
    expect(rowsBounds(columns, [2])).toEqual([114, 27.9, 114, 27.9]);
    expect(rowsBounds(columns, [])).toBeNull();
    expect(rowsBounds(columns, [3])).toBeNull();
  });
});
