import { describe, expect, it } from 'vitest';
import { AMENITY_TYPES } from '../domain/vocabulary';
import { amenityIconExpression, classIndex, quantileBreaks } from './view-scales';

describe('amenity symbols', () => {
  it('give every amenity type the icon of its life circle', () => {
    const expr = amenityIconExpression() as unknown[];
    const branches = expr.slice(2, -1);
    const iconOf = new Map<string, string>();
    for (let i = 0; i < branches.length; i += 2)
      for (const t of branches[i] as string[]) iconOf.set(t, branches[i + 1] as string);
    for (const a of AMENITY_TYPES) expect(iconOf.get(a.type)).toBe(`amenity-${a.circle}`);
  });
});

describe('funding density classes', () => {
  it('splits skewed values into classes of similar size', () => {
    const values = Array.from({ length: 600 }, (_, i) => 10 ** (i / 100));
    const breaks = quantileBreaks(values, 6);
    expect(breaks).toHaveLength(5);
    const counts = [0, 0, 0, 0, 0, 0];
    for (const v of values) counts[classIndex(v, breaks)]!++;
    for (const c of counts) expect(c).toBe(100);
  });

  it('ignores zero and missing values and never repeats a break', () => {
    expect(quantileBreaks([0, 0, Number.NaN])).toEqual([]);
    expect(quantileBreaks([5, 5, 5, 5, 9], 6)).toEqual([9]);
    expect(quantileBreaks([7, 7, 7], 6)).toEqual([]);
  });
});
