/**
 * Registers the `pmtiles://` URL scheme with MapLibre. Registration is global to the page and
 * a second `Protocol` would keep a second cache of archive headers, so this runs once however
 * many maps or hot reloads ask for it.
 *
 * Each archive the loaded manifest lists is read through a SizeCheckedSource, so an archive of
 * another build is refused (checked-pmtiles-source.ts); others are read as pmtiles reads them.
 */
import { addProtocol, type AddProtocolAction } from 'maplibre-gl';
import { PMTiles, Protocol } from 'pmtiles';
import { expectedFile } from '../lib/data-integrity';
import { SizeCheckedSource } from './checked-pmtiles-source';

let registered = false;
const protocol = new Protocol();

/** The archive URL in a `pmtiles://` request: the source's own (TileJSON) or one of its tiles. */
export function archiveUrlOf(requestUrl: string): string | null {
  const tile = /^pmtiles:\/\/(.+)\/\d+\/\d+\/\d+$/.exec(requestUrl);
  if (tile) return tile[1]!;
  return requestUrl.startsWith('pmtiles://') ? requestUrl.slice('pmtiles://'.length) : null;
}

/** Gives a listed archive its checked source before pmtiles would open it unchecked. */
function useCheckedSource(requestUrl: string): void {
  const url = archiveUrlOf(requestUrl);
  if (!url || protocol.get(url)) return;
  const entry = expectedFile(url);
  if (entry) protocol.add(new PMTiles(new SizeCheckedSource(url, entry)));
}

const load: AddProtocolAction = (params, abortController) => {
  useCheckedSource(params.url);
  return protocol.tile(params, abortController);
};

/** Makes `pmtiles://<absolute url>` sources work. Safe to call repeatedly. */
export function registerPmtilesProtocol(): void {
  if (registered) return;
  addProtocol('pmtiles', load);
  registered = true;
}

/** Source URL of a PMTiles archive at an absolute http(s) URL. */
export function pmtilesUrl(absoluteUrl: string): string {
  return `pmtiles://${absoluteUrl}`;
}
