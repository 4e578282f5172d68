/** Cleanup shared by the layer components. */
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Removes layers, then sources, that a component added. When the whole map view unmounts the
 * map may already be removed, and then there is nothing left to clean up.
 */
export function removeLayers(
  map: MapLibreMap,
  layerIds: readonly string[],
  sourceIds: readonly string[] = [],
): void {
  try {
    for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
    for (const id of sourceIds) if (map.getSource(id)) map.removeSource(id);
  } catch {
    // A removed map has no style to query; its layers went with it.
  }
}
