import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { toDisplayCrs } from '../../domain/display-crs';
import { buildWalkGraph } from '../../domain/walk-network/build-graph';
import { NO_SNAP, type RoadLine } from '../../domain/walk-network/types';
import { communityCatchments, type CatchmentProperties, type WalkNetwork } from './catchments';

/** A street of `n` 0.001° steps eastwards from `lng0` at `lat`. */
function street(lng0: number, lat: number, n: number): RoadLine {
  const coords = new Float64Array(2 * (n + 1));
  for (let i = 0; i <= n; i++) {
    coords[2 * i] = lng0 + i * 0.001;
    coords[2 * i + 1] = lat;
  }
  return { coords, roadClass: 'minor' };
}

/**
 * Two streets 3 km long on either bank of a river about 245 m wide, joined only by a bridge at
 * their east end. Community 0 joins the north street at 120.005 E, 20 m from it; community 1 is
 * off the network.
 */
function riverTown(): WalkNetwork {
  const north = street(120, 30.002, 30);
  const south = street(120, 29.9998, 30);
  const bridge: RoadLine = {
    coords: Float64Array.from([120.03, 30.002, 120.03, 29.9998]),
    roadClass: 'major',
  };
  const graph = buildWalkGraph([north, south, bridge]);
  return {
    graph,
    communitySnaps: {
      edge: Uint32Array.from([5, NO_SNAP]),
      t: Float32Array.from([0, 0]),
      access: Float32Array.from([20, NaN]),
    },
  };
}

const inside = (f: Feature<MultiPolygon, CatchmentProperties>, lng: number, lat: number) =>
  booleanPointInPolygon([lng, lat], f);

describe('communityCatchments', () => {
  const network = riverTown();
  const catchments = communityCatchments(network, 0)!;
  const byCircle = (key: string) => catchments.features.find((f) => f.properties.circle === key)!;

  it('gives the three life circles, largest first, each with its radius', () => {
    expect(catchments.features.map((f) => [f.properties.circle, f.properties.radius_m])).toEqual([
      ['lc15', 1000],
      ['lc10', 500],
      ['lc5', 300],
    ]);
    for (const f of catchments.features) expect(f.geometry.coordinates.length).toBeGreaterThan(0);
  });

  it('follows the street as far as each radius walks, less the walk to the street', () => {
    // 20 m to the street, then 280 m along it: 120.0079 E is 280 m east (0.001° ≈ 96 m here).
    expect(inside(byCircle('lc5'), 120.0075, 30.002)).toBe(true);
    expect(inside(byCircle('lc5'), 120.0085, 30.002)).toBe(false);
    expect(inside(byCircle('lc10'), 120.0085, 30.002)).toBe(true);
    expect(inside(byCircle('lc10'), 120.0105, 30.002)).toBe(false);
    expect(inside(byCircle('lc15'), 120.0145, 30.002)).toBe(true);
    expect(inside(byCircle('lc15'), 120.0165, 30.002)).toBe(false);
  });

  it('leaves out the far bank, reached only by the distant bridge', () => {
    for (const f of catchments.features) {
      expect(inside(f, 120.005, 29.9998)).toBe(false);
      // Halfway across the river: beyond the band of either bank.
      expect(inside(f, 120.005, 30.0009)).toBe(false);
    }
  });

  it('has nothing to draw for a community off the network, or a row it does not know', () => {
    expect(communityCatchments(network, 1)).toBeNull();
    expect(communityCatchments(network, 2)).toBeNull();
    expect(communityCatchments(network, -1)).toBeNull();
  });

  it('is drawn in the basemap’s coordinate system', () => {
    const gcj = communityCatchments(network, 0, 'GCJ-02')!;
    const wgs = byCircle('lc5').geometry.coordinates[0]![0]![0]!;
    const moved = gcj.features.find((f) => f.properties.circle === 'lc5')!.geometry.coordinates[0]![0]![0]!;
    const expected = toDisplayCrs('GCJ-02', [wgs[0]!, wgs[1]!]);
    expect(moved[0]).toBeCloseTo(expected[0], 9);
    expect(moved[1]).toBeCloseTo(expected[1], 9);
    // GCJ-02 is some hundreds of metres off WGS84 here.
    expect(Math.abs(moved[0]! - wgs[0]!) + Math.abs(moved[1]! - wgs[1]!)).toBeGreaterThan(0.001);
  });
});
