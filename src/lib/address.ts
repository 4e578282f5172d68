/**
 * The one writer of the page address. Every feature that keeps state in the query string (the
 * normal view's language, layer and filters, the table's sort, the presentation's chapter, the
 * hand-over from presentation mode to the normal view) writes it through here, so the address
 * changes in one way: `history.replaceState` (no history entry per toggle, the history state
 * kept), then `viewHref.refresh()`, because replaceState fires no event and the copy-link and
 * embed features must still see the change.
 *
 * MapLibre writes the `#map=` hash itself (its `hash` option) with its own replaceState; that
 * stays outside this module, and `MapView.svelte` refreshes `viewHref` once it is written.
 * What the query parameters mean is written by url-state.ts and the features' own modules.
 */
import { untrack } from 'svelte';
import { viewHref } from './view-href.svelte';

/**
 * Replaces the query string (`''` or `?…`), keeping the path and, unless `hash` is given, the
 * current hash. An address that would not change is left alone. Returns whether it changed.
 */
export function replaceSearch(search: string, hash: string = location.hash): boolean {
  const next = `${location.pathname}${search}${hash}`;
  if (next === `${location.pathname}${location.search}${location.hash}`) return false;
  history.replaceState(history.state, '', next);
  // Called from effects: reading viewHref here must not make them depend on it.
  untrack(() => viewHref.refresh());
  return true;
}
