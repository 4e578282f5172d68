/**
 * Hands the map's pointer events to an AreaDrawing, converted from the basemap's display CRS
 * into WGS84, and stops the map panning or zooming where a press or double-click draws.
 */
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { DisplayCrs } from '../domain/display-crs';
import { fromDisplayCrs } from '../map/basemap-crs';
import type { AreaDrawing } from './area-drawing.svelte';
import type { LngLat } from './area-stats';

/** Listens on `map` for `drawing` until the returned function is called. */
export function listenForDrawing(map: MapLibreMap, drawing: AreaDrawing, crs: () => DisplayCrs): () => void {
  const toWgs = (e: MapMouseEvent): LngLat => fromDisplayCrs(crs(), [e.lngLat.lng, e.lngLat.lat]);
  const onClick = (e: MapMouseEvent) => drawing.click(toWgs(e));
  const onDblClick = (e: MapMouseEvent) => {
    if (drawing.doubleClick()) e.preventDefault();
  };
  const onMove = (e: MapMouseEvent) => drawing.pointerMove(e.point, toWgs(e));
  const onDown = (e: MapMouseEvent) => {
    // Dragging draws the radius, so this press must not pan (or rotate, or box-zoom) the map.
    if (drawing.pointerDown(e.point, toWgs(e), e.originalEvent.button)) e.preventDefault();
  };
  const onUp = (e: MapMouseEvent) => drawing.pointerUp(toWgs(e));
  map.on('click', onClick);
  map.on('dblclick', onDblClick);
  map.on('mousemove', onMove);
  map.on('mousedown', onDown);
  map.on('mouseup', onUp);
  return () => {
    map.off('click', onClick);
    map.off('dblclick', onDblClick);
    map.off('mousemove', onMove);
    map.off('mousedown', onDown);
    map.off('mouseup', onUp);
  };
}
