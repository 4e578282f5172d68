import { describe, expect, it } from 'vitest';
import { METRES_PER_DEGREE, metresPerDegreeLng } from '../../src/domain/walk-network/geodesy';
import { readGeoJsonRoads } from '../pipeline/read/roads/geojson-roads';
import { CITY_CENTRES, type CityCentre } from './cities';
import { placedAmenityRows, placedCommunityRows } from './generate';
import {
  acrossRiver,
  cityLayouts,
  PARK_RADIUS_M,
  PARK_SCATTER_M,
  RIVER_WIDTH_M,
  riverLine,
  type CityLayout,
} from './layout';
import { countEdges, planRoads, roadFeatures, roadGeoJsonChunks, type RoadFeature } from './roads';

const city = (name: string): CityCentre => CITY_CENTRES.find((c) => c.city === name) as CityCentre;

/** Guangzhou and Foshan: 20 km apart, so each river runs through the other city's grid too. */
const PAIR = [city('广州市'), city('佛山市')];

function positions(cities: readonly CityCentre[], communities: number, amenities: number, seed = 1) {
  const options = { communities, amenities, seed, cities };
  const xy: number[] = [];
  for (const r of placedCommunityRows(options)) xy.push(r.lng, r.lat);
  for (const r of placedAmenityRows(options)) xy.push(r.lng, r.lat);
  return new Float64Array(xy);
}

const networks = new Map<string, { layouts: CityLayout[]; features: RoadFeature[] }>();

/** The network around 1500 communities and 700 amenities of `cities` (made once per test file). */
function network(cities: readonly CityCentre[], edges: number) {
  const key = `${cities.map((c) => c.city).join()} ${edges}`;
  let made = networks.get(key);
  if (!made) {
    const layouts = cityLayouts(cities, 1);
    const plan = planRoads(positions(cities, 1500, 700), { cities, layouts, edges });
    networks.set(key, (made = { layouts, features: [...roadFeatures(plan)] }));
  }
  return made;
}

/** Whether segments p1p2 and q1q2 meet (touching counts), by orientation tests. */
function segmentsMeet(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): boolean {
  const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
    Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  const d1 = orient(q1x, q1y, q2x, q2y, p1x, p1y);
  const d2 = orient(q1x, q1y, q2x, q2y, p2x, p2y);
  const d3 = orient(p1x, p1y, p2x, p2y, q1x, q1y);
  const d4 = orient(p1x, p1y, p2x, p2y, q2x, q2y);
  if (d1 * d2 > 0 || d3 * d4 > 0) return false;
  if (d1 === 0 && d2 === 0) {
    // Collinear: meet when their extents overlap.
    return (
      Math.max(p1x, p2x) >= Math.min(q1x, q2x) &&
      Math.max(q1x, q2x) >= Math.min(p1x, p2x) &&
      Math.max(p1y, p2y) >= Math.min(q1y, q2y) &&
      Math.max(q1y, q2y) >= Math.min(p1y, p2y)
    );
  }
  return true;
}

const riverLines = new WeakMap<CityLayout, Float64Array>();

/** How many river centre-line segments the segment a→b meets, over every river. */
function riverCrossings(
  layouts: readonly CityLayout[],
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  let n = 0;
  for (const layout of layouts) {
    let line = riverLines.get(layout);
    if (!line) riverLines.set(layout, (line = riverLine(layout.river)));
    // The centre line runs monotonically along its axis: only its vertices near the segment.
    const { river } = layout;
    const [ua, ub] = river.axis === 'lng' ? [ax, bx] : [ay, by];
    const from = Math.max(0, Math.floor((Math.min(ua, ub) - river.u0) / river.du) - 1);
    const to = Math.min(river.v.length - 1, Math.ceil((Math.max(ua, ub) - river.u0) / river.du) + 1);
    for (let k = 2 * from; k + 3 < line.length && k < 2 * to; k += 2) {
      const [qx1, qy1, qx2, qy2] = [line[k]!, line[k + 1]!, line[k + 2]!, line[k + 3]!];
      if (Math.max(ax, bx) < Math.min(qx1, qx2) || Math.min(ax, bx) > Math.max(qx1, qx2)) continue;
      if (Math.max(ay, by) < Math.min(qy1, qy2) || Math.min(ay, by) > Math.max(qy1, qy2)) continue;
      if (segmentsMeet(ax, ay, bx, by, qx1, qy1, qx2, qy2)) n++;
    }
  }
  return n;
}

function* segments(features: readonly RoadFeature[]) {
  for (const f of features) {
    for (let p = 0; p + 3 < f.coords.length; p += 2) {
      yield { f, ax: f.coords[p]!, ay: f.coords[p + 1]!, bx: f.coords[p + 2]!, by: f.coords[p + 3]! };
    }
  }
}

/** Metres from (lng, lat) to the nearest segment of `features` (flat-earth, fine at this scale). */
function nearestStreetMetres(features: readonly RoadFeature[], lng: number, lat: number): number {
  const kx = metresPerDegreeLng(lat);
  let best = Infinity;
  for (const { ax, ay, bx, by } of segments(features)) {
    const [x1, y1] = [(ax - lng) * kx, (ay - lat) * METRES_PER_DEGREE];
    const [x2, y2] = [(bx - lng) * kx, (by - lat) * METRES_PER_DEGREE];
    const [dx, dy] = [x2 - x1, y2 - y1];
    const t = Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x1 + t * dx, y1 + t * dy));
  }
  return best;
}

describe('synthetic road network', () => {
  it('aims at the number of edges asked for, with closer streets for more edges', () => {
    const cities = PAIR;
    const layouts = cityLayouts(cities, 1);
    const points = positions(cities, 1500, 700);
    const small = planRoads(points, { cities, layouts, edges: 20_000 });
    const large = planRoads(points, { cities, layouts, edges: 40_000 });
    expect(countEdges(small) / 20_000).toBeGreaterThan(0.9);
    expect(countEdges(small) / 20_000).toBeLessThan(1.1);
    expect(countEdges(large) / 40_000).toBeGreaterThan(0.9);
    expect(countEdges(large) / 40_000).toBeLessThan(1.1);
    expect(large.blockM).toBeLessThan(small.blockM);
    // More rows spread the streets over more ground: at the same edge count, wider apart.
    const more = planRoads(positions(cities, 6000, 2800), { cities, layouts, edges: 20_000 });
    expect(more.blockM).toBeGreaterThan(small.blockM);
  });

  it('crosses a river only on bridges, which each cross one', () => {
    const { layouts, features } = network(PAIR, 40_000);
    const bridges = features.filter((f) => f.bridge);
    expect(bridges.length).toBeGreaterThan(3);
    for (const { f, ax, ay, bx, by } of segments(features)) {
      if (!f.bridge) expect(riverCrossings(layouts, ax, ay, bx, by), `${f.name}: ${ax},${ay}`).toBe(0);
    }
    for (const b of bridges) {
      let crossings = 0;
      for (const { ax, ay, bx, by } of segments([b])) crossings += riverCrossings(layouts, ax, ay, bx, by);
      expect(crossings, b.name).toBeGreaterThanOrEqual(1);
      expect(b.roadClass).toBe('major');
    }
  });

  it('stops the streets at the water: no vertex but a bridge abutment within half a river width', () => {
    const { layouts, features } = network(PAIR, 40_000);
    for (const f of features) {
      for (let p = 0; p < f.coords.length; p += 2) {
        for (const { river } of layouts) {
          const across = Math.abs(acrossRiver(river, f.coords[p]!, f.coords[p + 1]!));
          // Abutments sit on the water's edge, to the rounding of the written coordinates.
          if (f.bridge) expect(across).toBeGreaterThan(RIVER_WIDTH_M / 2 - 0.5);
          else if (!Number.isNaN(across)) expect(across).toBeGreaterThanOrEqual(RIVER_WIDTH_M / 2 - 0.2);
        }
      }
    }
  });

  it('joins the banks only through the bridges', () => {
    // One city: its river runs past both ends of the grid, so no street goes round it.
    const cities = [city('上海市')];
    const { layouts, features } = network(cities, 30_000);
    const river = layouts[0]!.river;
    const ids = new Map<string, number>();
    const parent: number[] = [];
    const id = (x: number, y: number) => {
      const key = `${x},${y}`;
      let n = ids.get(key);
      if (n === undefined) ids.set(key, (n = parent.push(parent.length) - 1));
      return n;
    };
    const find = (n: number): number => (parent[n] === n ? n : (parent[n] = find(parent[n]!)));
    const sidesOf = (withBridges: boolean) => {
      for (let n = 0; n < parent.length; n++) parent[n] = n;
      for (const { f, ax, ay, bx, by } of segments(features)) {
        if (!f.bridge || withBridges) parent[find(id(ax, ay))] = find(id(bx, by));
      }
      const sides = new Map<number, Set<number>>();
      for (const [key, n] of ids) {
        const [x, y] = key.split(',').map(Number);
        const across = acrossRiver(river, x!, y!);
        const root = find(n);
        if (!sides.has(root)) sides.set(root, new Set());
        sides.get(root)!.add(Math.sign(across));
      }
      return [...sides.values()];
    };
    sidesOf(false); // registers every vertex first
    expect(sidesOf(false).every((s) => !(s.has(1) && s.has(-1)))).toBe(true);
    expect(sidesOf(true).some((s) => s.has(1) && s.has(-1))).toBe(true);
  });

  it('puts nearly every point within the access limit of a street, and the park points beyond it', () => {
    const cities = PAIR;
    const { layouts, features } = network(cities, 40_000);
    const options = { communities: 1500, amenities: 700, seed: 1, cities };
    const rows = [...placedCommunityRows(options), ...placedAmenityRows(options)];
    const sample = rows.filter((_, i) => i % 11 === 0);
    const near = sample.filter((r) => nearestStreetMetres(features, r.lng, r.lat) <= 300).length;
    expect(near / sample.length).toBeGreaterThan(0.95);
    for (const { park } of layouts) {
      // A point at the edge of the scatter is still past the access limit.
      const lng = park.lng + PARK_SCATTER_M / metresPerDegreeLng(park.lat);
      expect(nearestStreetMetres(features, lng, park.lat)).toBeGreaterThan(300);
      expect(nearestStreetMetres(features, park.lng, park.lat)).toBeGreaterThan(PARK_RADIUS_M - 50);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const text = (seed: number) => {
      const cities = PAIR;
      const plan = planRoads(positions(cities, 400, 200, seed), {
        cities,
        layouts: cityLayouts(cities, seed),
        edges: 8000,
      });
      return [...roadGeoJsonChunks(plan, { features: 0, edges: 0, bridges: 0 })].join('');
    };
    expect(text(3)).toBe(text(3));
    expect(text(4)).not.toBe(text(3));
  });

  it('writes GeoJSON the road reader takes whole, marked synthetic, with counts that match', () => {
    const cities = PAIR;
    const plan = planRoads(positions(cities, 400, 200), {
      cities,
      layouts: cityLayouts(cities, 1),
      edges: 8000,
    });
    const counts = { features: 0, edges: 0, bridges: 0 };
    const value = JSON.parse([...roadGeoJsonChunks(plan, counts)].join('')) as {
      synthetic: boolean;
      features: { properties: Record<string, unknown> }[];
    };
    expect(value.synthetic).toBe(true);
    expect(value.features).toHaveLength(counts.features);
    expect(value.features.every((f) => f.properties.synthetic === true)).toBe(true);
    expect(value.features.filter((f) => f.properties.bridge === true)).toHaveLength(counts.bridges);
    expect(counts.edges).toBe(countEdges(plan));
    const read = readGeoJsonRoads('roads.geojson', value);
    expect(read.rejected).toEqual([]);
    expect(read.lines).toHaveLength(counts.features);
    expect(new Set(read.lines.map((l) => l.roadClass))).toEqual(new Set(['major', 'minor', 'path']));
    const edges = read.lines.reduce((n, l) => n + l.coords.length / 2 - 1, 0);
    // A bridge abutment that rounds onto its bank node is a repeated vertex the reader drops.
    expect(edges).toBeGreaterThan(counts.edges - counts.bridges - 1);
    expect(edges).toBeLessThanOrEqual(counts.edges);
  });

  it('rejects layouts that do not match the cities', () => {
    expect(() =>
      planRoads(new Float64Array([121.47, 31.23]), { cities: PAIR, layouts: [], edges: 100 }),
    ).toThrow(/0 layouts for 2 cities/);
  });
});
