/**
 * Moving WGS84 positions and GeoJSON into the coordinate system a basemap is drawn in. The data
 * is WGS84; an AMap basemap is drawn in GCJ-02, China's obfuscated system, some 100–700 m away.
 * The data build writes tile sets in GCJ-02 with it (scripts/pipeline/display-crs.ts) and the
 * site moves what it makes in the browser (src/map/basemap-crs.ts), so both shift alike.
 * Pure.
 */
import type { Feature, GeoJSON, Geometry } from 'geojson';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';

/**
 * Coordinate systems the map can be drawn in. WGS84 stands for CGCS2000 too: the two differ by
 * centimetres, far below a tile pixel, so Tianditu's CGCS2000 tiles are drawn as WGS84.
 */
export const DISPLAY_CRS_VALUES = ['WGS84', 'GCJ-02'] as const;

/** A coordinate system the map can be drawn in. */
export type DisplayCrs = (typeof DISPLAY_CRS_VALUES)[number];

/** A WGS84 position as it is drawn over a basemap in `crs`. */
export function toDisplayCrs(crs: DisplayCrs, lngLat: readonly [number, number]): [number, number] {
  if (crs === 'WGS84') return [lngLat[0], lngLat[1]];
  return wgs84ToGcj02(lngLat[0], lngLat[1]);
}

/** The WGS84 position of a point drawn over a basemap in `crs` (inverse of `toDisplayCrs`). */
export function fromDisplayCrs(crs: DisplayCrs, lngLat: readonly [number, number]): [number, number] {
  if (crs === 'WGS84') return [lngLat[0], lngLat[1]];
  return gcj02ToWgs84(lngLat[0], lngLat[1]);
}

type Coordinates = number[] | Coordinates[];

function moveCoordinates(crs: DisplayCrs, c: Coordinates): Coordinates {
  if (typeof c[0] === 'number') {
    const [lng, lat] = toDisplayCrs(crs, [c[0], c[1] as number]);
    return [lng, lat, ...(c as number[]).slice(2)];
  }
  return (c as Coordinates[]).map((inner) => moveCoordinates(crs, inner));
}

/**
 * A copy of WGS84 GeoJSON with every position moved into `crs`; the input is left as it was.
 * Every position is a new array, so positions shared between rings (a ring closed by reusing
 * its first point) are moved once each, not twice as an in-place conversion would.
 */
export function geometryToDisplayCrs<T extends GeoJSON>(crs: DisplayCrs, geojson: T): T {
  const move = (value: GeoJSON): GeoJSON => {
    switch (value.type) {
      case 'FeatureCollection':
        return { ...value, features: value.features.map((f) => move(f) as Feature) };
      case 'Feature':
        return { ...value, geometry: value.geometry && (move(value.geometry) as Geometry) };
      case 'GeometryCollection':
        return { ...value, geometries: value.geometries.map((g) => move(g) as Geometry) };
      default:
        return { ...value, coordinates: moveCoordinates(crs, value.coordinates as Coordinates) } as Geometry;
    }
  };
  return move(geojson) as T;
}
