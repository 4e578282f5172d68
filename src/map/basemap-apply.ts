/**
 * Puts a basemap on the map. The offline basemap's layers stay in the style (sea, land,
 * borders); an online basemap adds its raster layers just above the sea and hides the offline
 * land and borders; a vector basemap (a Protomaps extract) adds its layers above the offline land,
 * below `BASEMAP_TOP_LAYER`, and paints the sea and land in its own colours, so that beyond the
 * extract the coarse world continues the same map. Data layers, added later on top, never need
 * to know which basemap is shown. The provider's attribution is shown in the footer
 * (SiteFooter), like every source.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fromDisplayCrs, toDisplayCrs, type DisplayCrs } from '../domain/display-crs';
import type { BasemapDefinition } from '../contracts/basemaps';
import { BASEMAP_COLORS, BASEMAP_TOP_LAYER } from './basemap-style';
import type { VectorBasemapStyle } from './protomaps-style';

/** Prefix of the ids of online basemap sources and layers. */
export const RASTER_PREFIX = 'basemap-raster-';
/** The offline layers an online basemap covers (the sea background stays as the no-tile colour). */
const OFFLINE_LAYERS = { land: 'basemap-land', borders: 'basemap-borders', sea: 'basemap-sea' } as const;
/** The layer raster basemaps are inserted under. */
const INSERT_BEFORE = OFFLINE_LAYERS.land;

/** Ids of the raster layers (and their sources) of `basemap`. */
export function rasterLayerIds(basemap: BasemapDefinition): string[] {
  return basemap.raster.map((_, i) => `${RASTER_PREFIX}${basemap.id}-${i}`);
}

/** What is on the map now: the basemap, and for a vector one the source it drew from. */
export interface ShownBasemap {
  basemap: BasemapDefinition;
  vectorSource: string | null;
}

function removeShown(map: MapLibreMap, shown: ShownBasemap, keepSource: string | null): void {
  for (const id of rasterLayerIds(shown.basemap)) {
    if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(id)) map.removeSource(id);
  }
  const source = shown.vectorSource;
  if (!source) return;
  for (const layer of map.getStyle().layers)
    if ('source' in layer && layer.source === source) map.removeLayer(layer.id);
  // The same extract in another flavor keeps its source, and with it the tiles already loaded.
  if (source !== keepSource && map.getSource(source)) map.removeSource(source);
}

/**
 * Removes the basemap `previous` (if any) and shows `next`. A vector basemap needs its style,
 * `vector` (protomaps-style.ts); the others take none. Returns what is now shown.
 */
export function applyBasemap(
  map: MapLibreMap,
  next: BasemapDefinition,
  previous: ShownBasemap | null,
  vector: VectorBasemapStyle | null = null,
): ShownBasemap {
  if (next.vector && !vector) throw new Error(`basemap ${next.id} needs its vector style`);
  if (previous) removeShown(map, previous, vector?.sourceId ?? null);
  const raster = next.raster.length > 0;
  const visibility = (id: string, visible: boolean) => {
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  };
  visibility(OFFLINE_LAYERS.land, !raster);
  // The extract has its own borders; Natural Earth's, kilometres off at city scale, would cross them.
  visibility(OFFLINE_LAYERS.borders, !raster && !vector);
  // Only a vector basemap repaints the ground, so the other cases leave it exactly as they found it.
  if (vector || previous?.vectorSource) {
    const ground = vector?.ground ?? BASEMAP_COLORS;
    if (map.getLayer(OFFLINE_LAYERS.sea))
      map.setPaintProperty(OFFLINE_LAYERS.sea, 'background-color', ground.sea);
    if (map.getLayer(OFFLINE_LAYERS.land))
      map.setPaintProperty(OFFLINE_LAYERS.land, 'fill-color', ground.land);
  }

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

  if (!vector) return { basemap: next, vectorSource: null };
  if (!map.getSource(vector.sourceId)) map.addSource(vector.sourceId, vector.source);
  // Under the top basemap layer, so whatever is put "above the basemap" stays above the extract too.
  const top = map.getLayer(BASEMAP_TOP_LAYER) ? BASEMAP_TOP_LAYER : undefined;
  for (const layer of vector.layers) map.addLayer(layer, top);
  return { basemap: next, vectorSource: vector.sourceId };
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
