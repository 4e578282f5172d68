import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { BoundaryCollection, BoundaryProperties } from './read/boundaries';
import { boundaryLevels, boundaryStats } from './boundary-stats';

const square = (
  x: number,
  y: number,
  size: number,
  properties: BoundaryProperties,
): Feature<Polygon, BoundaryProperties> => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  },
});

const boundaries: BoundaryCollection = {
  type: 'FeatureCollection',
  features: [
    square(112, 28, 1, { name: '区', level: 'district' }),
    square(112, 28, 0.5, { name: '街道甲', level: 'street' }),
    square(113.5, 28, 0.5, { name: '空街道', level: 'street' }),
  ],
};

describe('boundaryStats', () => {
  it('counts the communities inside each polygon and the share done, level by level', () => {
    const communities = [
      { lng: 112.1, lat: 28.1, stage: 'completed' },
      { lng: 112.2, lat: 28.2, stage: 'accepted' },
      { lng: 112.3, lat: 28.3, stage: 'construction' },
      { lng: 112.8, lat: 28.8, stage: 'planned' },
      { lng: 112.9, lat: 28.9 },
      // Outside every polygon, though inside the district's bounding box of a skewed search.
      { lng: 115, lat: 28.2, stage: 'completed' },
    ];
    const out = boundaryStats(boundaries, communities);
    expect(out.features.map((f) => f.properties)).toEqual([
      { name: '区', level: 'district', communities: 5, completed: 2, completion_rate: 0.4 },
      { name: '街道甲', level: 'street', communities: 3, completed: 2, completion_rate: 0.6667 },
      { name: '空街道', level: 'street', communities: 0, completed: 0 },
    ]);
    // The input collection is left as it was.
    expect(boundaries.features[0]!.properties).toEqual({ name: '区', level: 'district' });
  });

  it('agrees with a brute-force count on random points', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const communities = Array.from({ length: 2000 }, () => ({
      lng: 111.5 + random() * 2.5,
      lat: 27.5 + random() * 1.8,
      stage: random() < 0.5 ? 'completed' : 'design',
    }));
    const out = boundaryStats(boundaries, communities);
    boundaries.features.forEach((f, i) => {
      const ring = (f.geometry as Polygon).coordinates[0]!;
      const [x0, y0] = ring[0] as [number, number];
      const [x1, y1] = ring[2] as [number, number];
      const inside = communities.filter((c) => c.lng >= x0 && c.lng <= x1 && c.lat >= y0 && c.lat <= y1);
      expect(out.features[i]!.properties.communities).toBe(inside.length);
      expect(out.features[i]!.properties.completed).toBe(
        inside.filter((c) => c.stage === 'completed').length,
      );
    });
  });

  it('handles an empty ledger', () => {
    expect(boundaryStats(boundaries, []).features.every((f) => f.properties.communities === 0)).toBe(true);
  });
});

describe('boundaryLevels', () => {
  it('lists the levels present, coarse to fine', () => {
    expect(boundaryLevels(boundaries)).toEqual(['district', 'street']);
    expect(boundaryLevels({ type: 'FeatureCollection', features: [square(0, 0, 1, { name: 'x' })] })).toEqual(
      [],
    );
  });
});
