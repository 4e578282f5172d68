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

/** Escapes text for a double-quoted HTML attribute. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Options of `iframeCode`. */
export interface IframeOptions {
  /** Accessible name of the frame (screen readers announce it). */
  title: string;
  /** Height in CSS pixels; the width follows the host page's column. Default 480. */
  height?: number;
}

/**
 * The HTML a host page pastes to embed the view: full width of its column, a fixed height, no
 * border, lazily loaded. The frame asks for no permissions beyond copying to the clipboard.
 */
export function iframeCode(src: string, options: IframeOptions): string {
  const height = Math.max(160, Math.round(options.height ?? 480));
  return (
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(options.title)}" ` +
    `width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy" ` +
    `allow="clipboard-write" referrerpolicy="no-referrer-when-downgrade"></iframe>`
  );
}
