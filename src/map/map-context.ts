/**
 * Hands the map to layer components without prop drilling. `MapView` registers a getter while
 * it initialises (before the map exists) and renders its children only once the map's style
 * has loaded, so a layer component always finds a ready map.
 *
 * It also hands out busy holds: a layer that draws outside MapLibre (the deck.gl overlay) holds
 * the map busy until its drawing is on screen, so `aria-busy` tells assistive technology and
 * the browser tests when what the map shows matches its state, not merely when tiles arrived.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { getContext, setContext } from 'svelte';

const KEY = Symbol('maplibre-map');

/** What MapView shares with the components inside it. */
export interface MapContext {
  /** The map once its style has loaded, else null. */
  getMap: () => MapLibreMap | null;
  /** Marks the map busy until the returned release is called (calling it twice is harmless). */
  holdBusy: () => () => void;
}

/** Called by MapView during initialisation. */
export function setMapContext(context: MapContext): void {
  setContext(KEY, context);
}

function context(): MapContext {
  const found = getContext<MapContext | undefined>(KEY);
  if (!found)
    throw new Error(
      'map layer components must be rendered inside <MapView>, which renders them once the map is ready',
    );
  return found;
}

/** The ready map of the enclosing MapView. Throws when used outside one or too early. */
export function getMapContext(): MapLibreMap {
  const map = context().getMap();
  if (!map)
    throw new Error(
      'map layer components must be rendered inside <MapView>, which renders them once the map is ready',
    );
  return map;
}

/** The enclosing MapView's busy hold (see `MapContext.holdBusy`). */
export function getMapBusyHold(): MapContext['holdBusy'] {
  return context().holdBusy;
}
