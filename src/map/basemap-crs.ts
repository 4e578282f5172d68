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
 * The conversions themselves are src/domain/display-crs.ts, which the data build uses too.
 */
import type { SiteManifest } from '../lib/manifest';
import type { DisplayCrs } from '../domain/display-crs';

/** Kept for the Svelte files that import the conversions from here (AreaTool, MapFocus, FundingHexLayer). */
export { fromDisplayCrs, geometryToDisplayCrs, toDisplayCrs } from '../domain/display-crs';

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
