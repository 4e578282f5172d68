import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/domain/mulberry32';
import { haversineMetres } from '../../src/domain/walk-network/geodesy';
import { CITY_CENTRES } from './cities';
import {
  acrossRiver,
  cityLayout,
  cityLayouts,
  MAX_RIVER_SLOPE,
  PARK_RADIUS_M,
  PARK_SCATTER_M,
  pointInPark,
  RIVER_WIDTH_M,
  riverAt,
  riverEnd,
  riverHalfLengthM,
  riverLine,
} from './layout';

describe('city layouts', () => {
  const layouts = cityLayouts(CITY_CENTRES, 1);

  it('runs each river near its centre, gently bending, and past the city on both sides', () => {
    CITY_CENTRES.forEach((city, c) => {
      const { river } = layouts[c]!;
      expect(Math.abs(acrossRiver(river, city.lng, city.lat)), city.city).toBeLessThan(1500 + 560);
      const line = riverLine(river);
      let steepest = 0;
      let shortest = Infinity;
      for (let k = 0; k + 3 < line.length; k += 2) {
        shortest = Math.min(shortest, haversineMetres(line[k]!, line[k + 1]!, line[k + 2]!, line[k + 3]!));
        const [u0, u1] = river.axis === 'lng' ? [line[k]!, line[k + 2]!] : [line[k + 1]!, line[k + 3]!];
        const [v0, v1] = river.axis === 'lng' ? [line[k + 1]!, line[k + 3]!] : [line[k]!, line[k + 2]!];
        const slope = (Math.abs(v1 - v0) * river.metresPerV) / (Math.abs(u1 - u0) * river.metresPerU);
        steepest = Math.max(steepest, slope);
      }
      expect(steepest, city.city).toBeLessThanOrEqual(MAX_RIVER_SLOPE);
      expect(shortest, city.city).toBeGreaterThan(99);
      const half = riverHalfLengthM(city);
      const uc = river.axis === 'lng' ? city.lng : city.lat;
      expect((uc - river.u0) * river.metresPerU).toBeGreaterThanOrEqual(half - 1);
      expect((riverEnd(river) - uc) * river.metresPerU).toBeGreaterThanOrEqual(half - 1);
    });
    const axes = new Set(layouts.map((l) => l.river.axis));
    expect(axes).toEqual(new Set(['lng', 'lat']));
  });

  it('keeps each park clear of its river by a park radius, the river and the scatter', () => {
    CITY_CENTRES.forEach((city, c) => {
      const { river, park } = layouts[c]!;
      const clearance = PARK_RADIUS_M + RIVER_WIDTH_M + PARK_SCATTER_M;
      expect(Math.abs(acrossRiver(river, park.lng, park.lat)), city.city).toBeGreaterThanOrEqual(clearance);
      const fromCentre = haversineMetres(park.lng, park.lat, city.lng, city.lat);
      expect(fromCentre).toBeGreaterThan(1990);
      expect(fromCentre).toBeLessThan(4010);
    });
  });

  it('depends on the seed and the city only', () => {
    expect(cityLayout(CITY_CENTRES[5]!, 5, 1)).toEqual(layouts[5]);
    expect(cityLayout(CITY_CENTRES[5]!, 5, 2)).not.toEqual(layouts[5]);
    expect(layouts[5]).not.toEqual(layouts[6]);
  });

  it('reads the centre line between vertices and nowhere beyond its ends', () => {
    const { river } = layouts[0]!;
    const mid = river.u0 + 2.5 * river.du;
    expect(riverAt(river, mid)).toBeCloseTo((river.v[2]! + river.v[3]!) / 2, 12);
    expect(riverAt(river, river.u0 - river.du)).toBeNaN();
    expect(riverAt(river, riverEnd(river) + river.du)).toBeNaN();
    expect(riverAt(river, riverEnd(river))).toBe(river.v[river.v.length - 1]);
  });

  it('scatters park points within the scatter radius', () => {
    const rng = mulberry32(9);
    const { park } = layouts[0]!;
    for (let i = 0; i < 200; i++) {
      const [lng, lat] = pointInPark(rng, park);
      expect(haversineMetres(lng, lat, park.lng, park.lat)).toBeLessThanOrEqual(PARK_SCATTER_M + 0.5);
    }
  });
});
