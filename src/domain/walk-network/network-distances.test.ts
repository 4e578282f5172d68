import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWalkGraph } from './build-graph';
import { METRES_PER_DEGREE, haversineMetres } from './geodesy';
import { networkNearestDistances } from './network-distances';
import { ORIGIN, at, riverTown, road, path } from './test-geometry';
import { NO_SNAP, snapAt, type RoadLine } from './types';

function column(result: ReturnType<typeof networkNearestDistances>, type: string): Float32Array {
  const c = result.table.columns.get(type);
  if (!c) throw new Error(`no column ${type}`);
  return c;
}

describe('networkNearestDistances in a river town', () => {
  const graph = buildWalkGraph(riverTown());
  const kindergarten = { ...at(0, -70), type: 'kindergarten' };
  const acrossTheWater = at(0, 80);
  const sameBank = at(250, -60);
  const result = networkNearestDistances(graph, [acrossTheWater, sameBank], [kindergarten], {
    types: ['kindergarten'],
    maxSearchMetres: 3000,
  });
  const dist = column(result, 'kindergarten');

  it('walks a community 150 m across the water round by the bridge: over 1000 m', () => {
    expect(
      haversineMetres(acrossTheWater.lng, acrossTheWater.lat, kindergarten.lng, kindergarten.lat),
    ).toBeCloseTo(150, 0);
    expect(dist[0]).toBeGreaterThan(1000);
    // 30 m to the north street, 600 m to the bridge, 100 m over it, 600 m back, 20 m to the gate.
    expect(dist[0]).toBeCloseTo(1350, 0);
  });

  it('walks a community 250 m away on the same bank in 250–300 m', () => {
    expect(dist[1]).toBeGreaterThanOrEqual(250);
    expect(dist[1]).toBeLessThanOrEqual(300);
    expect(dist[1]).toBeCloseTo(10 + 250 + 20, 0);
  });

  it('reports where each point joined the network and the figures for the manifest', () => {
    expect(result.communitySnaps.access[0]).toBeCloseTo(30, 2);
    expect(result.communitySnaps.access[1]).toBeCloseTo(10, 2);
    expect(result.amenitySnaps.access[0]).toBeCloseTo(20, 2);
    expect(result.stats).toMatchObject({
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      communitiesSnapped: 2,
      amenitiesSnapped: 1,
    });
    expect(result.stats.maxCommunityAccess).toBeCloseTo(30, 2);
    expect(result.stats.maxAmenityAccess).toBeCloseTo(20, 2);
    expect(result.table).toMatchObject({ count: 2, types: ['kindergarten'], maxSearchMetres: 3000 });
  });

  it('gives NaN for none within maxSearchMetres', () => {
    const short = networkNearestDistances(graph, [acrossTheWater, sameBank], [kindergarten], {
      types: ['kindergarten'],
      maxSearchMetres: 1000,
    });
    const d = column(short, 'kindergarten');
    expect(d[0]).toBeNaN();
    expect(d[1]).toBeCloseTo(280, 0);
  });
});

describe('networkNearestDistances', () => {
  it('walks straight along the edge to an amenity on the same edge', () => {
    // One 1000 m street with no vertex between its ends; the shop is 100 m along from the home.
    const graph = buildWalkGraph([road(path(0, 0, 1000, 0))]);
    const shop = { ...at(300, 5), type: 'shop' };
    const homes = [at(400, -5), at(250, 8), at(300, -3)];
    const d = column(
      networkNearestDistances(graph, homes, [shop], { types: ['shop'], maxSearchMetres: 3000 }),
      'shop',
    );
    expect(d[0]).toBeCloseTo(5 + 100 + 5, 2);
    expect(d[1]).toBeCloseTo(5 + 50 + 8, 2);
    expect(d[2]).toBeCloseTo(5 + 0 + 3, 2);
  });

  it('takes the nearer amenity when several share the edge, and the way round when it is shorter', () => {
    // A short loop: the two ends of the long edge are also joined by a 10 m edge.
    const graph = buildWalkGraph([road(path(0, 0, 1000, 0, 1000, 10, 0, 10, 0, 0))]);
    const amenities = [
      { ...at(900, -1), type: 'clinic' },
      { ...at(50, -1), type: 'clinic' },
    ];
    const d = column(
      networkNearestDistances(graph, [at(500, -1), at(5, 11)], amenities, {
        types: ['clinic'],
        maxSearchMetres: 3000,
      }),
      'clinic',
    );
    expect(d[0]).toBeCloseTo(1 + 400 + 1, 1);
    // From the top edge at 5 m: 5 m to the west corner, 10 m down, 50 m along.
    expect(d[1]).toBeCloseTo(1 + 50 + 10 + 5 + 1, 1);
  });

  it('leaves unsnapped communities NaN, ignores unsnapped amenities and reports types with none', () => {
    const graph = buildWalkGraph([road(path(0, 0, 200, 0))]);
    const result = networkNearestDistances(
      graph,
      [at(100, 10), at(100, 900), { lng: Number.NaN, lat: 30 }],
      [
        { ...at(0, 800), type: 'school' },
        { ...at(200, 20), type: 'market' },
        { ...at(150, 5), type: 'not-asked' },
      ],
      { types: ['school', 'market', 'park'], maxSearchMetres: 3000 },
    );
    expect([...column(result, 'school')].every(Number.isNaN)).toBe(true);
    expect([...column(result, 'park')].every(Number.isNaN)).toBe(true);
    const market = column(result, 'market');
    expect(market[0]).toBeCloseTo(10 + 100 + 20, 1);
    expect(market[1]).toBeNaN();
    expect(market[2]).toBeNaN();
    expect([...result.communitySnaps.edge]).toEqual([0, NO_SNAP, NO_SNAP]);
    expect(result.communitySnaps.access[1]).toBeNaN();
    expect(result.amenitySnaps.edge[0]).toBe(NO_SNAP);
    expect(result.stats.communitiesSnapped).toBe(1);
    expect(result.stats.amenitiesSnapped).toBe(2);
    expect(snapAt(result.communitySnaps, 1)).toBeNull();
    expect(snapAt(result.communitySnaps, 0)).toEqual({
      edge: 0,
      t: result.communitySnaps.t[0],
      access: result.communitySnaps.access[0],
    });
    expect(snapAt(result.communitySnaps, 0)?.access).toBeCloseTo(10, 2);
  });

  it('honours a larger access limit', () => {
    const graph = buildWalkGraph([road(path(0, 0, 200, 0))]);
    const result = networkNearestDistances(graph, [at(100, 400)], [{ ...at(0, 0), type: 'a' }], {
      types: ['a'],
      maxSearchMetres: 3000,
      accessLimit: 500,
    });
    expect(column(result, 'a')[0]).toBeCloseTo(400 + 100, 0);
  });

  it('refuses a search distance that is not a positive number of metres', () => {
    const graph = buildWalkGraph([]);
    expect(() => networkNearestDistances(graph, [], [], { types: [], maxSearchMetres: 0 })).toThrow(
      /maxSearchMetres/,
    );
  });
});

/** Random streets over a 1 km square: sometimes joined at shared vertices, sometimes only crossing. */
const streetsAndPoints = fc.record({
  streets: fc.array(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), {
      minLength: 2,
      maxLength: 6,
    }),
    { minLength: 1, maxLength: 12 },
  ),
  communities: fc.array(fc.tuple(fc.double({ min: -100, max: 1100 }), fc.double({ min: -100, max: 1100 })), {
    minLength: 1,
    maxLength: 15,
  }),
  amenities: fc.array(fc.tuple(fc.double({ min: -100, max: 1100 }), fc.double({ min: -100, max: 1100 })), {
    minLength: 1,
    maxLength: 6,
  }),
});

describe('network distance against the straight line', () => {
  it('is never shorter than the haversine distance to the nearest amenity', () => {
    fc.assert(
      fc.property(streetsAndPoints, ({ streets, communities, amenities }) => {
        // Street vertices on a 100 m lattice, so separate streets often share one.
        const lines: RoadLine[] = streets.map((s) => road(s.map(([e, n]) => [e * 100, n * 100])));
        const graph = buildWalkGraph(lines);
        const homes = communities.map(([e, n]) => at(e, n));
        const shops = amenities.map(([e, n]) => ({ ...at(e, n), type: 'shop' }));
        const result = networkNearestDistances(graph, homes, shops, {
          types: ['shop'],
          maxSearchMetres: 5000,
        });
        const d = column(result, 'shop');
        homes.forEach((h, i) => {
          if (Number.isNaN(d[i]!)) return;
          let straight = Infinity;
          shops.forEach((s, k) => {
            if (result.amenitySnaps.edge[k] === NO_SNAP) return;
            straight = Math.min(straight, haversineMetres(h.lng, h.lat, s.lng, s.lat));
          });
          // Edge lengths are float32 (a few micrometres at these lengths).
          expect(d[i]!).toBeGreaterThanOrEqual(straight * (1 - 1e-6) - 1e-3);
        });
      }),
      { numRuns: 150, seed: 8 },
    );
  });

  it('equals it on a single straight road (a meridian) with every point on the road', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 2000 }), { minLength: 2, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 2000, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (vertices, homesAt, shopsAt) => {
          const lat = (north: number) => ORIGIN.lat + north / METRES_PER_DEGREE;
          const sorted = [...vertices].sort((a, b) => a - b);
          const line = road(sorted.map((n) => [0, n] as [number, number]));
          const graph = buildWalkGraph([line]);
          // Points exactly on the road: between its first and last vertex.
          const lo = sorted[0]!;
          const hi = sorted[sorted.length - 1]!;
          const onRoad = (x: number) => ({ lng: ORIGIN.lng, lat: lat(lo + (x / 2000) * (hi - lo)) });
          const homes = homesAt.map(onRoad);
          const shops = shopsAt.map((x) => ({ ...onRoad(x), type: 'shop' }));
          const result = networkNearestDistances(graph, homes, shops, {
            types: ['shop'],
            maxSearchMetres: 5000,
          });
          const d = column(result, 'shop');
          homes.forEach((h, i) => {
            const straight = Math.min(...shops.map((s) => haversineMetres(h.lng, h.lat, s.lng, s.lat)));
            expect(Math.abs(d[i]! - straight)).toBeLessThan(2e-3);
          });
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });
});
