/**
 * What a basemap is, as the site sees it. The offline basemap (src/map/basemap-style.ts) is always
 * there; online raster basemaps (Tianditu, OpenStreetMap, AMap) exist only when the deployer
 * configures them at build time (atlas.config.json, read by scripts/vite/atlas-config.ts), so
 * the default build names no tile host at all. Pure: no map, no DOM.
 */

import type { DisplayCrs } from '../domain/display-crs';

/** The providers the configuration knows. */
export type BasemapKind = 'offline' | 'tianditu' | 'osm' | 'amap';

/** One raster tile layer of a basemap (Tianditu has two: the map and its labels). */
export interface RasterTiles {
  /** XYZ URL templates (`{z}`, `{x}`, `{y}`); several spread requests over a provider's subdomains. */
  tiles: string[];
  tileSize: number;
  minzoom: number;
  maxzoom: number;
}

/** A basemap the picker can offer. */
export interface BasemapDefinition {
  /** Stable id, used in `?basemap=`. Lowercase letters, digits and hyphens. */
  id: string;
  kind: BasemapKind;
  /** The CRS the basemap's tiles are drawn in; every data layer must then be drawn in it too. */
  crs: DisplayCrs;
  /** Name in the picker. */
  label: { zh: string; en: string };
  /** Raster layers, bottom first; empty for the offline basemap. */
  raster: RasterTiles[];
  /** Attribution the provider requires, as plain text (the footer shows it). Empty for the offline basemap. */
  attribution: string;
}

/** Id of the offline basemap. */
export const OFFLINE_BASEMAP_ID = 'offline';

/** The offline basemap: Natural Earth land and borders served from the site itself. */
export const OFFLINE_BASEMAP: BasemapDefinition = {
  id: OFFLINE_BASEMAP_ID,
  kind: 'offline',
  crs: 'WGS84',
  label: { zh: '离线底图', en: 'Offline basemap' },
  raster: [],
  attribution: '',
};

/** Shape of a basemap id: configured ids are checked against it, and `?basemap=` values too. */
export const BASEMAP_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * The basemaps the page can offer: the configured ones whose CRS the data has tiles in
 * (`crsWithTiles`; a GCJ-02 basemap over WGS84 tiles would put every community some 500 m off),
 * the offline basemap always among them.
 */
export function usableBasemaps(
  configured: readonly BasemapDefinition[],
  crsWithTiles: readonly DisplayCrs[],
): BasemapDefinition[] {
  const usable = configured.filter((b) => crsWithTiles.includes(b.crs));
  return usable.some((b) => b.id === OFFLINE_BASEMAP_ID) ? usable : [OFFLINE_BASEMAP, ...usable];
}

/**
 * The basemap to show: the one the address asks for when it is usable, else the configured
 * default when usable, else the first (the offline basemap unless configured otherwise).
 */
export function chooseBasemap(
  usable: readonly BasemapDefinition[],
  requested: string | null | undefined,
  defaultId: string,
): BasemapDefinition {
  return (
    usable.find((b) => b.id === requested) ??
    usable.find((b) => b.id === defaultId) ??
    usable[0] ??
    OFFLINE_BASEMAP
  );
}
