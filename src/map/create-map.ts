/**
 * Creates the MapLibre map. Everything global to MapLibre (worker URL, protocols) is set here,
 * once, before the first map exists.
 */
import { Map as MapLibreMap, setWorkerUrl, type LngLatBoundsLike, type PaddingOptions } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { basemapStyle } from './basemap-style';
import { registerPmtilesProtocol } from './pmtiles-protocol';

/** Options of `createMap`. */
export interface CreateMapOptions {
  container: HTMLElement;
  /** Initial extent [west, south, east, north]; wins over `center` unless the URL hash has a view. */
  bounds?: [number, number, number, number] | null;
  /** Initial [lng, lat, zoom] when there are no bounds. Default: all of China. */
  center?: [number, number, number];
  /** Room kept free around `bounds` when fitting them, e.g. where the legend covers the map. Default 40 px. */
  fitPadding?: number | PaddingOptions;
  /** Page base URL, for absolute source URLs. Default: `document.baseURI`. */
  base?: string;
}

let globalsSet = false;

function setGlobals(): void {
  if (globalsSet) return;
  // Vite bundles the worker as its own asset; MapLibre cannot find it next to a bundled module.
  setWorkerUrl(workerUrl);
  registerPmtilesProtocol();
  globalsSet = true;
}

/**
 * How long after a camera move the `#map=` hash is sure to be written: MapLibre writes it on
 * `moveend` throttled to 300 ms (30 × 1000 / 100 in its ui/hash.ts). A timer of this length set
 * in a later `moveend` listener fires after MapLibre's, since timers fire in deadline order.
 */
export const HASH_WRITTEN_MS = 350;

/** A map showing the offline basemap, with the view kept in the URL hash (`#map=z/lat/lng`). */
export function createMap(options: CreateMapOptions): MapLibreMap {
  setGlobals();
  const [lng, lat, zoom] = options.center ?? [105, 35, 3];
  const bounds: LngLatBoundsLike | undefined = options.bounds ?? undefined;
  return new MapLibreMap({
    container: options.container,
    style: basemapStyle(options.base ?? document.baseURI),
    center: [lng, lat],
    zoom,
    ...(bounds ? { bounds, fitBoundsOptions: { padding: options.fitPadding ?? 40, maxZoom: 13 } } : {}),
    hash: 'map',
    // Sources are named in the footer; MapLibre's own control would repeat them over the map.
    attributionControl: false,
    // CJK glyphs drawn from the page's fonts (the default is already local; said here on purpose).
    localIdeographFontFamily:
      "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
    maxZoom: 18,
  });
}
