/**
 * Test helpers: street plans drawn in metres east and north of an origin, turned into WGS84 road
 * lines, so a test reads like a sketch of the place it describes.
 */
import { METRES_PER_DEGREE, metresPerDegreeLng } from './geodesy';
import type { RoadClass, RoadLine } from './types';

/** Hangzhou, where the test towns are drawn. */
export const ORIGIN = { lng: 120.155, lat: 30.274 };

/** The WGS84 point `east` and `north` metres from `ORIGIN` (local equirectangular frame). */
export function at(east: number, north: number): { lng: number; lat: number } {
  return {
    lng: ORIGIN.lng + east / metresPerDegreeLng(ORIGIN.lat),
    lat: ORIGIN.lat + north / METRES_PER_DEGREE,
  };
}

/** A road through the given [east, north] points (metres from `ORIGIN`). */
export function road(
  points: readonly (readonly [number, number])[],
  roadClass: RoadClass = 'minor',
): RoadLine {
  const coords = new Float64Array(2 * points.length);
  points.forEach(([e, n], i) => {
    const p = at(e, n);
    coords[2 * i] = p.lng;
    coords[2 * i + 1] = p.lat;
  });
  return { coords, roadClass };
}

/** [east, north] points from a flat list `e0, n0, e1, n1, …` (metres from `ORIGIN`): a street plan as one row. */
export function path(...eastNorth: number[]): [number, number][] {
  const pts: [number, number][] = [];
  for (let i = 0; i + 1 < eastNorth.length; i += 2) pts.push([eastNorth[i]!, eastNorth[i + 1]!]);
  return pts;
}

/** Points from `from` to `to` (east coordinates) every `step` metres along the line north = `north`. */
export function eastWest(from: number, to: number, north: number, step: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let e = from; e <= to + 1e-9; e += step) pts.push([e, north]);
  return pts;
}

/**
 * A small river town: a river runs east–west between two bank streets 100 m apart (north = ±50),
 * joined by one bridge at east = 600. An overpass at east = −300 crosses the river and both bank
 * streets without a shared vertex, so it joins neither: it must not become a shortcut.
 */
export function riverTown(): RoadLine[] {
  return [
    road(eastWest(-1000, 1000, -50, 100)),
    road(eastWest(-1000, 1000, 50, 100)),
    road(path(600, -50, 600, 50)),
    road(path(-300, -200, -300, 200), 'major'),
  ];
}
