/**
 * The extent of some rows of the explore index: where the page fits the map after a search pick
 * or a filter. Apart from ./explore-search.ts, which loads with the search, because the page
 * needs it in the first load. Pure.
 */
import type { ExploreIndex } from '../explore/explore-index';

/** [west, south, east, north] of the given rows; null for none. */
export function rowsBounds(
  index: Pick<ExploreIndex, 'lng' | 'lat'>,
  rows: Iterable<number>,
): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const i of rows) {
    const x = index.lng[i]!;
    const y = index.lat[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return w <= e ? [w, s, e, n] : null;
}
