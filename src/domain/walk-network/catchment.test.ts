import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildWalkGraph } from './build-graph';
import { catchmentPolygons } from './catchment';
import { EdgeIndex } from './edge-index';
import { at, riverTown, road, path } from './test-geometry';
import type { EdgeSnap } from './types';

const graph = buildWalkGraph(riverTown());
const index = new EdgeIndex(graph);

function snapAt(east: number, north: number): EdgeSnap {
  const p = at(east, north);
  const s = index.snap(p.lng, p.lat);
  if (!s) throw new Error(`(${east}, ${north}) is off the network`);
  return s;
}

function inside(geometry: MultiPolygon, east: number, north: number): boolean {
  const p = at(east, north);
  return booleanPointInPolygon([p.lng, p.lat], geometry);
}

/** Twice the signed area, positive for counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    s += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return s;
}

describe('catchmentPolygons in a river town', () => {
  // A community 10 m south of the south bank street, 350 m west of the bridge.
  const home = snapAt(250, -60);
  const [c300, c500, c1000] = catchmentPolygons(graph, home, [300, 500, 1000]).map((c) => c.geometry) as [
    MultiPolygon,
    MultiPolygon,
    MultiPolygon,
  ];

  it('covers the home street as far as the walk goes, plus the band past its end', () => {
    expect(inside(c300, 250, -50)).toBe(true);
    expect(inside(c300, 0, -50)).toBe(true); // 10 + 250 m
    // 300 m reach the street at east = −40; the 40 m band ends near −80.
    expect(inside(c300, -70, -50)).toBe(true);
    expect(inside(c300, -90, -50)).toBe(false);
    expect(inside(c500, -90, -50)).toBe(true);
    // Across the street's width: inside within the band, outside beyond it.
    expect(inside(c300, 100, -85)).toBe(true);
    expect(inside(c300, 100, -95)).toBe(false);
  });

  it('leaves out the far bank until the walk has crossed the bridge', () => {
    // Directly across the water, 110 m in a straight line, 810 m on foot.
    expect(inside(c300, 250, 50)).toBe(false);
    expect(inside(c500, 250, 50)).toBe(false);
    expect(inside(c1000, 250, 50)).toBe(true);
    // The bridge's north end: 460 m.
    expect(inside(c300, 600, 50)).toBe(false);
    expect(inside(c500, 600, 50)).toBe(true);
    // 1060 m: outside even the largest.
    expect(inside(c1000, 0, 50)).toBe(false);
    // The river itself, 50 m from either bank street: not a hull.
    expect(inside(c1000, 250, 0)).toBe(false);
  });

  it('leaves out a road that is not connected (the overpass)', () => {
    for (const c of [c300, c500, c1000]) {
      expect(inside(c, -300, 0)).toBe(false);
      expect(inside(c, -300, -150)).toBe(false);
      expect(inside(c, -300, 150)).toBe(false);
    }
    // Its crossing with the south bank street (560 m on foot) is covered, as part of that street.
    expect(inside(c500, -300, -50)).toBe(false);
    expect(inside(c1000, -300, -50)).toBe(true);
  });

  it('nests the circles and grows their area with the radius', () => {
    for (let e = -1200; e <= 1200; e += 25) {
      for (let n = -150; n <= 150; n += 10) {
        if (inside(c300, e, n)) expect(inside(c500, e, n)).toBe(true);
        if (inside(c500, e, n)) expect(inside(c1000, e, n)).toBe(true);
      }
    }
    const a = [c300, c500, c1000].map((g) => area({ type: 'Feature', geometry: g, properties: {} }));
    expect(a[0]).toBeGreaterThan(0);
    expect(a[1]).toBeGreaterThan(a[0]!);
    expect(a[2]).toBeGreaterThan(a[1]!);
    // 300 m on one street: about 580 m of street (290 m each way) by a band 80 m wide, plus caps.
    expect(a[0]).toBeGreaterThan(0.85 * (580 * 80 + Math.PI * 40 * 40));
    expect(a[0]).toBeLessThan(1.15 * (580 * 80 + Math.PI * 40 * 40));
  });

  it('writes RFC 7946 rings: closed, exterior counter-clockwise', () => {
    for (const g of [c300, c500, c1000]) {
      expect(g.coordinates.length).toBeGreaterThan(0);
      for (const polygon of g.coordinates) {
        const outer = polygon[0]!;
        expect(outer[0]).toEqual(outer[outer.length - 1]);
        expect(signedArea(outer)).toBeGreaterThan(0);
        for (const hole of polygon.slice(1)) expect(signedArea(hole)).toBeLessThan(0);
      }
    }
  });

  it('returns an empty polygon when the walk to the street alone exceeds the radius', () => {
    const [tiny] = catchmentPolygons(graph, home, [5]);
    expect(tiny).toEqual({ radius: 5, geometry: { type: 'MultiPolygon', coordinates: [] } });
  });

  it('covers the bridge but not the river beside it, however far the walk reaches', () => {
    const [wide] = catchmentPolygons(graph, snapAt(600, -55), [2000]);
    expect(inside(wide!.geometry, 600, 0)).toBe(true); // the bridge
    expect(inside(wide!.geometry, 800, 0)).toBe(false); // the river east of the bridge
  });

  it('draws a block ringed by reached streets as a polygon with a hole', () => {
    const block = buildWalkGraph([road(path(0, 0, 400, 0, 400, 400, 0, 400, 0, 0))]);
    const p = at(200, -10);
    const [ring] = catchmentPolygons(block, new EdgeIndex(block).snap(p.lng, p.lat)!, [2000]);
    const g = ring!.geometry;
    expect(g.coordinates).toHaveLength(1);
    expect(g.coordinates[0]!.length).toBe(2);
    expect(signedArea(g.coordinates[0]![1]!)).toBeLessThan(0);
    const point = (e: number, n: number) => {
      const q = at(e, n);
      return booleanPointInPolygon([q.lng, q.lat], g);
    };
    expect(point(200, 200)).toBe(false);
    expect(point(200, 370)).toBe(true);
    expect(point(30, 200)).toBe(true);
  });

  it('refuses bad radii, options and start edges', () => {
    expect(() => catchmentPolygons(graph, home, [-1])).toThrow(/radius/);
    expect(() => catchmentPolygons(graph, home, [300], { bufferMetres: 0 })).toThrow(/bufferMetres/);
    expect(() => catchmentPolygons(graph, { edge: graph.edgeCount, t: 0, access: 0 }, [300])).toThrow(/edge/);
  });
});
