/**
 * Puts a basemap on the map. The offline basemap's layers stay in the style (sea, land,
 * borders); an online basemap adds its raster layers just above the sea and hides the offline
 * land and borders, so data layers, added later on top, never need to know which basemap is
 * shown. The provider's attribution is shown in the footer (SiteFooter), like every source.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fromDisplayCrs, toDisplayCrs, type DisplayCrs } from '../domain/display-crs';
import type { BasemapDefinition } from '../contracts/basemaps';

/** Prefix of the ids of online basemap sources and layers. */
export const RASTER_PREFIX = 'basemap-raster-';
/** The offline layers an online basemap covers (the sea background stays as the no-tile colour). */
const OFFLINE_LAYERS = ['basemap-land', 'basemap-borders'];
/** The layer raster basemaps are inserted under. */
const INSERT_BEFORE = 'basemap-land';

/** Ids of the raster layers (and their sources) of `basemap`. */
export function rasterLayerIds(basemap: BasemapDefinition): string[] {
  return basemap.raster.map((_, i) => `${RASTER_PREFIX}${basemap.id}-${i}`);
}

/** Removes the online basemap `previous` (if any) and shows `next`. */
export function applyBasemap(
  map: MapLibreMap,
  next: BasemapDefinition,
  previous: BasemapDefinition | null,
): void {
  for (const id of previous ? rasterLayerIds(previous) : []) {
    if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(id)) map.removeSource(id);
  }
  const online = next.raster.length > 0;
  for (const id of OFFLINE_LAYERS)
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', online ? 'none' : 'visible');
  const before = map.getLayer(INSERT_BEFORE) ? INSERT_BEFORE : undefined;
  rasterLayerIds(next).forEach((id, i) => {
    const layer = next.raster[i]!;
    map.addSource(id, {
      type: 'raster',
      tiles: layer.tiles,
      tileSize: layer.tileSize,
      minzoom: layer.minzoom,
      maxzoom: layer.maxzoom,
    });
    map.addLayer({ id, type: 'raster', source: id }, before);
  });
}

/**
 * Keeps the same ground in view when the display CRS changes: the camera's centre is a
 * display coordinate, so it moves by the CRS offset (a few hundred metres in China).
 */
export function recentreForCrs(map: MapLibreMap, from: DisplayCrs, to: DisplayCrs): void {
  if (from === to) return;
  const { lng, lat } = map.getCenter();
  map.jumpTo({ center: toDisplayCrs(to, fromDisplayCrs(from, [lng, lat])) });
}
