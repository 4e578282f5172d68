import { describe, expect, it } from 'vitest';
import { circleShares, typeShare, type ShareRows } from './access-shares';

/**
 * Five communities: households 100, 200, 300, unknown, 400. lc5 met by rows 0 and 2, lc10 by
 * rows 0, 1, 3; row 4 has no result. Row 1 lacks a kindergarten, row 2 a clinic (bit 63: the top bit of the
 * second word).
 */
function rows(): ShareRows {
  const words = [new Uint32Array(5), new Uint32Array(5)];
  words[0]![1] = 1 << 0;
  words[1]![2] = 1 << 31;
  return {
    count: 5,
    households: Float64Array.from([100, 200, 300, NaN, 400]),
    lifeCircles: {
      lc5: Int8Array.from([1, 0, 1, 0, -1]),
      lc10: Int8Array.from([1, 1, 0, 1, -1]),
      lc15: Int8Array.from([0, 0, 0, 0, -1]),
      missingTypes: {
        words,
        bitOf: new Map([
          ['kindergarten', 0],
          ['clinic', 63],
        ]),
      },
    },
  };
}

describe('circleShares', () => {
  it('counts the households meeting each circle, leaving out rows without a result or households', () => {
    const all = circleShares(rows(), null)!;
    expect(all.lc5).toEqual({ households: 600, within: 400, unknownHouseholds: 1 });
    expect(all.lc10).toEqual({ households: 600, within: 300, unknownHouseholds: 1 });
    expect(all.lc15).toEqual({ households: 600, within: 0, unknownHouseholds: 1 });
  });

  it('counts only the rows the filters keep', () => {
    const kept = circleShares(rows(), Uint8Array.from([0, 1, 1, 0, 1]))!;
    expect(kept.lc5).toEqual({ households: 500, within: 300, unknownHouseholds: 0 });
    expect(kept.lc10).toEqual({ households: 500, within: 200, unknownHouseholds: 0 });
  });

  it('claims nothing for data built without amenities', () => {
    expect(circleShares({ ...rows(), lifeCircles: null }, null)).toBeNull();
    expect(typeShare({ ...rows(), lifeCircles: null }, null, 'kindergarten')).toBeNull();
  });
});

describe('typeShare', () => {
  it("counts the households with the type in its own circle, from the communities' missing types", () => {
    expect(typeShare(rows(), null, 'kindergarten')).toEqual({
      households: 600,
      within: 400,
      unknownHouseholds: 1,
    });
    // A bit in the second word, and the highest bit of a word, read as set.
    expect(typeShare(rows(), null, 'clinic')).toEqual({ households: 600, within: 300, unknownHouseholds: 1 });
  });

  it('counts every community as served for a type none lacks', () => {
    expect(typeShare(rows(), Uint8Array.from([1, 1, 0, 0, 0]), 'market')).toEqual({
      households: 300,
      within: 300,
      unknownHouseholds: 0,
    });
  });
});
