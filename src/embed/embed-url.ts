/**
 * Addresses for embedding: the page in embed mode (`?embed=1`) shows the map, its legend, title
 * and sources only, and links to the full site at the same view. Every function keeps the other
 * query parameters (language, layers, filters) and the `#map=zoom/lat/lng` hash, so an embed and
 * its "open the full map" link show the same thing. Pure: strings in, strings out. Whether an
 * address asks for embed mode, which every page load reads, is embed-mode.ts.
 */
import { EMBED_PARAM } from './embed-mode';

/**
 * Parameters that make no sense inside an iframe of the map: the table view and presentation
 * mode replace the map, so an embed drops them.
 */
const NOT_EMBEDDED = ['view', 'present'];

/** The same address with a changed query; `href` must be absolute. */
function withParams(href: string, change: (params: URLSearchParams) => void): string {
  const url = new URL(href);
  const params = new URLSearchParams(url.search);
  change(params);
  const query = params.toString();
  url.search = query ? `?${query}` : '';
  return url.href;
}

/** The full site at the view of `href` (an embed's own address): the query minus `embed`, the same hash. */
export function fullViewHref(href: string): string {
  return withParams(href, (p) => p.delete(EMBED_PARAM));
}

/** The embed address of the view at `href`: `embed=1` added, table view and presentation dropped. */
export function embedHref(href: string): string {
  return withParams(href, (p) => {
    for (const key of NOT_EMBEDDED) p.delete(key);
    p.set(EMBED_PARAM, '1');
  });
}
