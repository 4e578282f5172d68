/**
 * Drawing the data in the basemap's coordinate system. The data is WGS84 (communities.geojson,
 * the aggregates, the manifest's bbox); an AMap basemap is drawn in GCJ-02, China's
 * obfuscated system, some 100–700 m away. So under a GCJ-02 basemap:
 *
 * - tiled layers use the tile sets the data build wrote in that CRS (`--display-crs GCJ-02`,
 *   listed under `display_layers` in the manifest): see `tileLayersForCrs`;
 * - geometry made in the browser (H3 hexagons, circles, drawn areas) goes through
 *   `toDisplayCrs` / `geometryToDisplayCrs` before it is drawn, and map positions (clicks,
 *   the camera, the `#map=` hash) are display coordinates: `fromDisplayCrs` gives WGS84 back.
 *
 * Pure apart from gcoord, which the data build uses too (scripts/pipeline/display-crs.ts).
 */
import gcoord from 'gcoord';
import type { Feature, GeoJSON, Geometry } from 'geojson';
import type { SiteManifest } from '../lib/manifest';
import type { DisplayCrs } from './basemap-definitions';

/** A WGS84 position as it is drawn over a basemap in `crs`. */
export function toDisplayCrs(crs: DisplayCrs, lngLat: readonly [number, number]): [number, number] {
  if (crs === 'WGS84') return [lngLat[0], lngLat[1]];
  const [lng, lat] = gcoord.transform([lngLat[0], lngLat[1]], gcoord.WGS84, gcoord.GCJ02);
  return [lng!, lat!];
}

/** The WGS84 position of a point drawn over a basemap in `crs` (inverse of `toDisplayCrs`). */
export function fromDisplayCrs(crs: DisplayCrs, lngLat: readonly [number, number]): [number, number] {
  if (crs === 'WGS84') return [lngLat[0], lngLat[1]];
  const [lng, lat] = gcoord.transform([lngLat[0], lngLat[1]], gcoord.GCJ02, gcoord.WGS84);
  return [lng!, lat!];
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

/** The CRSs the data has tile sets in: always WGS84, plus those the build wrote variants for. */
export function crsWithTiles(manifest: Pick<SiteManifest, 'displayLayers'>): DisplayCrs[] {
  return ['WGS84', ...(Object.keys(manifest.displayLayers) as DisplayCrs[]).filter((c) => c !== 'WGS84')];
}

/**
 * The tile sets to draw over a basemap in `crs`: the manifest's own (WGS84) layers, or the
 * variant the data build wrote for that CRS. Null when the data has no tiles in that CRS.
 */
export function tileLayersForCrs(
  manifest: Pick<SiteManifest, 'layers' | 'displayLayers'>,
  crs: DisplayCrs,
): SiteManifest['layers'] | null {
  if (crs === 'WGS84') return manifest.layers;
  return manifest.displayLayers[crs] ?? null;
}
