/**
 * Which main view the page shows: the map, or the table of communities (`?view=table`). Pure
 * query-string helpers; other parameters are kept exactly as written.
 */

/** The page's main views. */
export type SiteView = 'map' | 'table';

/** Query parameter of the view. */
export const VIEW_PARAM = 'view';

/** The view a query string asks for; the map unless it says `view=table`. */
export function parseView(search: string): SiteView {
  return new URLSearchParams(search).get(VIEW_PARAM) === 'table' ? 'table' : 'map';
}

/** The query string for `view`, other parameters untouched (the map is the default and is left out). */
export function viewSearch(view: SiteView, search: string): string {
  const parts = (search.startsWith('?') ? search.slice(1) : search)
    .split('&')
    .filter((part) => part && part.split('=')[0] !== VIEW_PARAM);
  if (view === 'table') parts.push(`${VIEW_PARAM}=table`);
  return parts.length ? `?${parts.join('&')}` : '';
}
