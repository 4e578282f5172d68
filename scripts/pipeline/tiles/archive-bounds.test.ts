import { describe, expect, it } from 'vitest';
import { archiveBounds, CHINA_BOUNDS, MIN_HALF_EXTENT } from './archive-bounds';

describe('archiveBounds', () => {
  it('keeps a box that has extent on both axes', () => {
    expect(archiveBounds([112.9, 28.1, 113.1, 28.3])).toEqual([112.9, 28.1, 113.1, 28.3]);
  });

  it('widens a single point into a small box around it', () => {
    const [w, s, e, n] = archiveBounds([113, 28, 113, 28]);
    expect(w).toBeCloseTo(113 - MIN_HALF_EXTENT, 9);
    expect(e).toBeCloseTo(113 + MIN_HALF_EXTENT, 9);
    expect(s).toBeCloseTo(28 - MIN_HALF_EXTENT, 9);
    expect(n).toBeCloseTo(28 + MIN_HALF_EXTENT, 9);
  });

  it('widens only the axis without extent', () => {
    const [w, s, e, n] = archiveBounds([113, 28, 113.5, 28]);
    expect([w, e]).toEqual([113, 113.5]);
    expect(n - s).toBeCloseTo(2 * MIN_HALF_EXTENT, 9);
  });

  it('falls back to mainland China for an empty layer', () => {
    expect(archiveBounds(null)).toEqual(CHINA_BOUNDS);
  });
});
