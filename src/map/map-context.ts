/**
 * Hands the map to layer components without prop drilling. `MapView` registers a getter while
 * it initialises (before the map exists) and renders its children only once the map's style
 * has loaded, so a layer component always finds a ready map.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';

const KEY = Symbol('maplibre-map');

/** Called by MapView during initialisation. */
export function setMapContext(getMap: () => MapLibreMap | null): void {
  setContext(KEY, getMap);
}

/** The ready map of the enclosing MapView. Throws when used outside one or too early. */
export function getMapContext(): MapLibreMap {
  const getMap = getContext<(() => MapLibreMap | null) | undefined>(KEY);
  const map = getMap?.();
  if (!map)
    throw new Error(
      'map layer components must be rendered inside <MapView>, which renders them once the map is ready',
    );
  return map;
}
