/**
 * Registers the `pmtiles://` URL scheme with MapLibre. Registration is global to the page and
 * a second `Protocol` would keep a second cache of archive headers, so this runs once however
 * many maps or hot reloads ask for it.
 */
import { addProtocol } from 'maplibre-gl';
import { Protocol } from 'pmtiles';

let registered = false;

/** Makes `pmtiles://<absolute url>` sources work. Safe to call repeatedly. */
export function registerPmtilesProtocol(): void {
  if (registered) return;
  addProtocol('pmtiles', new Protocol().tile);
  registered = true;
}

/** Source URL of a PMTiles archive at an absolute http(s) URL. */
export function pmtilesUrl(absoluteUrl: string): string {
  return `pmtiles://${absoluteUrl}`;
}
