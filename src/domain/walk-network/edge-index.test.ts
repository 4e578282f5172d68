import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../mulberry32';
import { buildWalkGraph } from './build-graph';
import { EdgeIndex, pointOnEdge } from './edge-index';
import { METRES_PER_DEGREE, haversineMetres, metresPerDegreeLng } from './geodesy';
import { at, road, path } from './test-geometry';
import type { RoadLine, WalkGraph } from './types';

/** Brute force over every edge: the planar nearest point in a frame at the query, lowest index on ties. */
function bruteSnap(g: WalkGraph, lng: number, lat: number) {
  const mx = metresPerDegreeLng(lat);
  const my = METRES_PER_DEGREE;
  let best = { edge: -1, d: Infinity, t: 0 };
  for (let e = 0; e < g.edgeCount; e++) {
    const a = g.edgeFrom[e]!;
    const b = g.edgeTo[e]!;
    const ax = (g.coords[2 * a]! - lng) * mx;
    const ay = (g.coords[2 * a + 1]! - lat) * my;
    const bx = (g.coords[2 * b]! - lng) * mx;
    const by = (g.coords[2 * b + 1]! - lat) * my;
    // Sample the segment, then again finely around the best sample: independent of the index's
    // closed form (the distance along a segment has one minimum, so this finds it).
    let t = 0;
    let d = Infinity;
    const sample = (u: number) => {
      const dd = Math.hypot(ax + u * (bx - ax), ay + u * (by - ay));
      if (dd < d) [d, t] = [dd, u];
    };
    for (let k = 0; k <= 100; k++) sample(k / 100);
    const coarse = t;
    for (let k = -100; k <= 100; k++) sample(Math.min(1, Math.max(0, coarse + k / 10000)));
    if (d < best.d - 1e-6) best = { edge: e, d, t };
  }
  return best;
}

function randomStreets(seed: number, count: number): RoadLine[] {
  const rand = mulberry32(seed);
  const lines: RoadLine[] = [];
  for (let i = 0; i < count; i++) {
    const x = rand() * 2000 - 1000;
    const y = rand() * 2000 - 1000;
    const pts: [number, number][] = [[x, y]];
    for (let k = 0; k < 3; k++) {
      const last = pts[pts.length - 1]!;
      pts.push([last[0] + (rand() - 0.5) * 400, last[1] + (rand() - 0.5) * 400]);
    }
    lines.push(road(pts));
  }
  return lines;
}

describe('EdgeIndex.snap', () => {
  it('lands on the edge interior, not the nearest vertex, with its t and access', () => {
    const g = buildWalkGraph([road(path(0, 0, 200, 0))]);
    const p = at(70, 30);
    const s = new EdgeIndex(g).snap(p.lng, p.lat);
    expect(s).not.toBeNull();
    expect(s!.edge).toBe(0);
    expect(s!.t).toBeCloseTo(0.35, 4);
    expect(s!.access).toBeCloseTo(30, 2);
    const [lng, lat] = pointOnEdge(g, s!.edge, s!.t);
    expect(haversineMetres(p.lng, p.lat, lng, lat)).toBeCloseTo(s!.access, 6);
  });

  it('picks the nearer of two streets even when the other has the nearer vertex', () => {
    const g = buildWalkGraph([road(path(-500, 20, 500, 20)), road(path(0, -30, 0, -300))]);
    const p = at(0, 0);
    const s = new EdgeIndex(g).snap(p.lng, p.lat)!;
    expect(s.edge).toBe(0);
    expect(s.t).toBeCloseTo(0.5, 4);
    expect(s.access).toBeCloseTo(20, 2);
  });

  it('returns null beyond the access limit, and snaps within a larger one', () => {
    const g = buildWalkGraph([road(path(0, 0, 100, 0))]);
    const index = new EdgeIndex(g);
    const p = at(50, 350);
    expect(index.snap(p.lng, p.lat)).toBeNull();
    expect(index.snap(p.lng, p.lat, 400)?.access).toBeCloseTo(350, 1);
    expect(index.snap(Number.NaN, p.lat)).toBeNull();
  });

  it('breaks ties by the lowest edge index', () => {
    // The same street twice (two overlapping lines), and a point equally near two edges' shared end.
    const twice = buildWalkGraph([
      road(path(0, 0, 100, 0)),
      road(path(0, 10, 100, 10)),
      road(path(0, 0, 100, 0)),
    ]);
    const p = at(40, -5);
    expect(new EdgeIndex(twice).snap(p.lng, p.lat)?.edge).toBe(0);
    const corner = buildWalkGraph([road(path(100, 0, 0, 0, 0, 100))]);
    const q = at(-20, -20);
    const s = new EdgeIndex(corner).snap(q.lng, q.lat)!;
    expect(s.edge).toBe(0);
    expect(s.t).toBe(1);
  });

  it('agrees with a brute-force search on random streets, whatever the cell size', () => {
    const g = buildWalkGraph(randomStreets(11, 60));
    const indexes = [new EdgeIndex(g, 7), new EdgeIndex(g), new EdgeIndex(g, 1000)];
    const rand = mulberry32(12);
    let snapped = 0;
    for (let i = 0; i < 200; i++) {
      const p = at(rand() * 2400 - 1200, rand() * 2400 - 1200);
      const want = bruteSnap(g, p.lng, p.lat);
      for (const index of indexes) {
        const s = index.snap(p.lng, p.lat);
        if (want.d > 301) {
          expect(s).toBeNull();
          continue;
        }
        if (want.d < 299) expect(s).not.toBeNull();
        if (!s) continue;
        snapped++;
        // The brute force samples every metre or so: its distance bounds the exact one from above
        // (up to the millimetre between the planar frame and the sphere).
        expect(s.access).toBeLessThanOrEqual(want.d * (1 + 1e-5) + 1e-3);
        expect(s.access).toBeGreaterThan(want.d - 0.05);
        if (s.edge !== want.edge) {
          // Only a near-tie may pick another edge: equally near within the sampling error.
          const other = bruteSnap({ ...g, edgeCount: s.edge + 1 }, p.lng, p.lat);
          expect(Math.abs(other.d - want.d)).toBeLessThan(0.05);
        }
      }
    }
    expect(snapped).toBeGreaterThan(200);
  });

  it('handles an empty network', () => {
    const g = buildWalkGraph([]);
    expect(new EdgeIndex(g).snap(120, 30)).toBeNull();
  });
});
