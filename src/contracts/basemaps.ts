/**
 * What a basemap is, as the site sees it. The offline basemap (src/map/basemap-style.ts) is always
 * there; online raster basemaps (Tianditu, OpenStreetMap, AMap) and offline vector basemaps (a
 * PMTiles extract in the Protomaps schema, shipped with the site) exist only when the deployer
 * configures them at build time (atlas.config.json, read by scripts/vite/atlas-config.ts), so
 * the default build names no tile host at all. Pure: no map, no DOM.
 */

import type { DisplayCrs } from '../domain/display-crs';

/** The providers the configuration knows; `pmtiles` is a vector extract shipped with the site. */
export type BasemapKind = 'offline' | 'tianditu' | 'osm' | 'amap' | 'pmtiles';

/** The site's colour theme (`?theme=dark`), which a vector basemap can follow. */
export type MapTheme = 'light' | 'dark';

/** Colours of a vector basemap: one of the Protomaps flavors, or `auto` to follow the site's theme. */
export const BASEMAP_FLAVORS = ['light', 'dark', 'auto'] as const;

/** A vector basemap's colour setting. */
export type BasemapFlavor = (typeof BASEMAP_FLAVORS)[number];

/** An offline vector basemap: a PMTiles extract in the Protomaps basemap schema, served by the site itself. */
export interface VectorBasemap {
  /** The archive's path relative to the site root (`vectorBasemapPath`). */
  path: string;
  flavor: BasemapFlavor;
}

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
  /** Raster layers, bottom first; empty for the offline and vector basemaps. */
  raster: RasterTiles[];
  /** The vector extract, for a `pmtiles` basemap only. */
  vector?: VectorBasemap;
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
 * Where the build puts a vector basemap's archive in the site, beside the offline basemap's
 * files. Derived from the id alone (already a safe file name), so no path of the build machine
 * reaches the page.
 */
export function vectorBasemapPath(id: string): string {
  return `basemap/${id}.pmtiles`;
}

/**
 * The site's theme as the address gives it (`?theme=dark`, the parameter presentation mode
 * writes), for vector basemaps whose flavor follows the theme. Anything else is light.
 */
export function themeFromSearch(search: string): MapTheme {
  return new URLSearchParams(search).get('theme') === 'dark' ? 'dark' : 'light';
}

/** The colours a vector basemap is drawn in: its fixed flavor, or the site's theme for `auto`. */
export function basemapTheme(flavor: BasemapFlavor, siteTheme: MapTheme): MapTheme {
  return flavor === 'auto' ? siteTheme : flavor;
}

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
