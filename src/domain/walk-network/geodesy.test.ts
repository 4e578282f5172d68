import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_M, METRES_PER_DEGREE, haversineMetres, metresPerDegreeLng } from './geodesy';

describe('haversineMetres', () => {
  it('measures one degree of latitude as R·π/180', () => {
    expect(haversineMetres(120, 30, 120, 31)).toBeCloseTo((EARTH_RADIUS_M * Math.PI) / 180, 6);
  });
  it('is symmetric and zero for the same point', () => {
    expect(haversineMetres(116.4, 39.9, 121.47, 31.23)).toBe(haversineMetres(121.47, 31.23, 116.4, 39.9));
    expect(haversineMetres(116.4, 39.9, 116.4, 39.9)).toBe(0);
  });
  it('measures Beijing to Shanghai as about 1,067 km', () => {
    expect(haversineMetres(116.4, 39.9, 121.47, 31.23) / 1000).toBeCloseTo(1067, -1);
  });
});

describe('metresPerDegreeLng', () => {
  it('shrinks with the cosine of latitude and never reaches zero', () => {
    expect(metresPerDegreeLng(0)).toBeCloseTo(METRES_PER_DEGREE, 6);
    expect(metresPerDegreeLng(60)).toBeCloseTo(METRES_PER_DEGREE / 2, 6);
    expect(metresPerDegreeLng(90)).toBeGreaterThan(0);
  });
});
