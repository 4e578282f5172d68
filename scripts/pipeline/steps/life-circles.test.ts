import { describe, expect, it } from 'vitest';
import { evaluateCoverage } from '../../../src/domain/life-circles';
import type { AmenityRecord, CommunityRecord } from '../../../src/domain/schema';
import { AMENITY_TYPES } from '../../../src/domain/vocabulary';
import { buildWalkGraph } from '../../../src/domain/walk-network/build-graph';
import { haversineMetres, METRES_PER_DEGREE } from '../../../src/domain/walk-network/geodesy';
import { computeLifeCircles, MAX_SEARCH_METRES, propertiesLookup } from './life-circles';

// Only the fields the life-circle step reads: positions and amenity types.
const community = (lng: number, lat: number) => ({ lng, lat }) as CommunityRecord;
const amenity = (type: string, lng: number, lat: number) => ({ type, lng, lat }) as AmenityRecord;
const noProgress = () => {};
const noLap = () => {};

const lat0 = 28;
const lng0 = 113;
const east = (m: number) => lng0 + m / (METRES_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180));
const north = (m: number) => lat0 + m / METRES_PER_DEGREE;

/** Brute force, independent of the kd-tree search: metres to the nearest of each type, or null. */
function bruteNearest(c: CommunityRecord, amenities: readonly AmenityRecord[]) {
  const nearest: Record<string, number | null> = {};
  for (const { type } of AMENITY_TYPES) {
    let best = Infinity;
    for (const a of amenities)
      if (a.type === type) best = Math.min(best, haversineMetres(c.lng, c.lat, a.lng, a.lat));
    nearest[type] = best <= MAX_SEARCH_METRES ? best : null;
  }
  return nearest;
}

// Communities scattered over a few kilometres; amenities of the first types near some of them.
// The last lies beyond the search radius of every amenity.
const communities = [
  ...Array.from({ length: 40 }, (_, i) =>
    community(east(((i * 733) % 4000) - 500), north(((i * 389) % 3000) - 300)),
  ),
  community(east(12_000), north(0)),
];
const amenities = AMENITY_TYPES.slice(0, 6).flatMap(({ type }, k) =>
  Array.from({ length: 3 }, (_, j) => amenity(type, east(k * 400 + j * 900), north(j * 700 - k * 100))),
);

describe('computeLifeCircles columns', () => {
  it('reads back, without roads, the straight-line nearest distances and what they cover', () => {
    const { circles } = computeLifeCircles(communities, amenities, undefined, noProgress, noLap);
    expect(circles?.count).toBe(communities.length);
    communities.forEach((c, i) => {
      const circle = circles!.circleAt(i);
      const brute = bruteNearest(c, amenities);
      for (const { type } of AMENITY_TYPES) {
        const d = circle.nearest[type];
        if (brute[type] === null) expect(d).toBeNull();
        // Float32 columns rounded to 0.1 m.
        else expect(d).toBeCloseTo(brute[type]!, 0);
      }
      expect(circle).toEqual({ nearest: circle.nearest, ...evaluateCoverage(circle.nearest) });
      expect(circle.distance_method).toBeUndefined();
    });
    // Some communities meet a type, some miss it: the fixture exercises both branches.
    const types0 = communities.map((_, i) => circles!.circleAt(i).nearest[AMENITY_TYPES[0]!.type]);
    expect(types0.some((d) => d === null)).toBe(true);
    expect(types0.some((d) => d !== null)).toBe(true);
  });

  it('makes a fresh object on every read, so a caller changing one does not change the next', () => {
    const { circles } = computeLifeCircles(communities, amenities, undefined, noProgress, noLap);
    const first = circles!.circleAt(3);
    first.missing_types.push('changed');
    first.nearest.x = 1;
    expect(circles!.circleAt(3).missing_types).not.toContain('changed');
    expect(circles!.circleAt(3).nearest.x).toBeUndefined();
  });

  it('gives, with roads, walking distances to joined communities and straight-line ones to the rest', () => {
    // One north–south street through the amenities' column; one community beside it, one far off.
    const graph = buildWalkGraph([
      { coords: Float64Array.from([lng0, north(-500), lng0, north(2500)]), roadClass: 'minor' },
    ]);
    const type = AMENITY_TYPES[0]!.type;
    const onStreet = [amenity(type, east(10), north(1000))];
    const near = community(east(20), north(0));
    const far = community(east(1500), north(1000));
    const { circles } = computeLifeCircles([near, far], onStreet, graph, noProgress, noLap);
    const joined = circles!.circleAt(0);
    const off = circles!.circleAt(1);
    expect(joined.distance_method).toBe('network');
    expect(off.distance_method).toBe('straight_line');
    // Walk: 20 m to the street, ~1000 m along it, 10 m off it; the straight line is shorter.
    expect(joined.nearest[type]).toBeGreaterThan(bruteNearest(near, onStreet)[type]!);
    expect(joined.nearest[type]).toBeCloseTo(1030, -1);
    expect(off.nearest[type]).toBeCloseTo(bruteNearest(far, onStreet)[type]!, 0);
    // The key order the outputs were written in: distance_method last.
    expect(Object.keys(off).at(-1)).toBe('distance_method');
    expect(Object.keys(joined)).toEqual(Object.keys(off));
  });

  it('claims nothing without amenities', () => {
    expect(computeLifeCircles(communities, undefined, undefined, noProgress, noLap).circles).toBeUndefined();
  });
});

describe('propertiesLookup', () => {
  it('writes the coverage fields only when life circles were computed', () => {
    const records = [{ ...community(lng0, lat0), id: 'a', name: 'A', items: [], items_other: [] }];
    const withRecord = records.map((r) => ({
      ...r,
      item_counts: {},
      funds: {},
      qualifiers: {},
    })) as unknown as CommunityRecord[];
    const { circles } = computeLifeCircles(withRecord, amenities, undefined, noProgress, noLap);
    expect(propertiesLookup(withRecord, circles?.circleAt)(0)).toHaveProperty('coverage_score');
    expect(propertiesLookup(withRecord, undefined)(0)).not.toHaveProperty('coverage_score');
  });
});
