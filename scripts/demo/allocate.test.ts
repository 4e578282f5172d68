import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateInteger } from './allocate';

describe('allocateInteger', () => {
  it('splits proportionally and exactly', () => {
    expect(allocateInteger(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(allocateInteger(7, [0, 0, 0])).toEqual([3, 2, 2]);
  });

  it('respects a minimum per part', () => {
    const parts = allocateInteger(100, [1, 1000], { min: 20 });
    expect(parts).toEqual([20, 80]);
  });

  it('respects caps by re-splitting the overflow', () => {
    const parts = allocateInteger(100, [10, 1, 1], { caps: [30, 100, 100] });
    expect(parts[0]).toBe(30);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('throws when the bounds cannot be met', () => {
    expect(() => allocateInteger(10, [1, 1], { min: 6 })).toThrow(/exceed/);
    expect(() => allocateInteger(10, [1, 1], { caps: [3, 3] })).toThrow(/caps add up/);
    expect(() => allocateInteger(1.5, [1])).toThrow(/not a non-negative integer/);
    expect(() => allocateInteger(3, [])).toThrow(/zero parts/);
  });

  it('always sums to the total within bounds (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 100000 }),
        (weights, min, extra) => {
          const total = min * weights.length + extra;
          const parts = allocateInteger(total, weights, { min });
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          for (const p of parts) expect(Number.isInteger(p) && p >= min).toBe(true);
        },
      ),
    );
  });
});
