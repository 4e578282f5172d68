/**
 * Whether the address asks for embed mode (`?embed=1`: the map, its legend, title and sources
 * only). Apart from embed-url.ts, which writes embed and full-view addresses for the embed's
 * dialog and bar: every page load reads this, only those two need the rest.
 */

/** Query parameter that turns embed mode on. */
export const EMBED_PARAM = 'embed';

/** Whether a query string (`location.search`) asks for embed mode. */
export function isEmbed(search: string): boolean {
  const value = new URLSearchParams(search).get(EMBED_PARAM);
  return value === '1' || value === 'true';
}
