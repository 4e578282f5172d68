/**
 * Addresses for embedding: the page in embed mode (`?embed=1`) shows the map, its legend, title
 * and sources only, and links to the full site at the same view. Every function keeps the other
 * query parameters (language, layers, filters) and the `#map=zoom/lat/lng` hash, so an embed and
 * its "open the full map" link show the same thing. Pure: strings in, strings out.
 */

/** Query parameter that turns embed mode on. */
export const EMBED_PARAM = 'embed';

/**
 * Parameters that make no sense inside an iframe of the map: the table view and presentation
 * mode replace the map, so an embed drops them.
 */
const NOT_EMBEDDED = ['view', 'present'];

/** Whether a query string (`location.search`) asks for embed mode. */
export function isEmbed(search: string): boolean {
  const value = new URLSearchParams(search).get(EMBED_PARAM);
  return value === '1' || value === 'true';
}

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
