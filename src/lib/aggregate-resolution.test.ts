import { describe, expect, it } from 'vitest';
import { resolutionForZoom } from './aggregate-resolution';

describe('resolutionForZoom', () => {
  it('picks coarser hexagons as the map zooms out', () => {
    const available = [5, 7, 8];
    expect(resolutionForZoom(4, available)).toBe(5);
    expect(resolutionForZoom(8.9, available)).toBe(5);
    expect(resolutionForZoom(10, available)).toBe(7);
    expect(resolutionForZoom(13, available)).toBe(8);
  });

  it('falls back to the nearest resolution the build wrote, coarser on a tie', () => {
    expect(resolutionForZoom(13, [5, 7])).toBe(7);
    expect(resolutionForZoom(10, [6, 8])).toBe(6);
    expect(resolutionForZoom(10, [])).toBeNull();
  });
});
