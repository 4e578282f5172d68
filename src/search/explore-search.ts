/**
 * The explore index (src/explore/explore-index.ts) as the search's row source, and the places a
 * search hit stands for. Kept here so the search module itself depends on no storage format.
 */
import type { ExploreIndex } from '../explore/explore-index';
import { SearchIndex, type SearchSource } from './search-index';

/** Reads communities straight from the explore index's columns. */
export function exploreSearchSource(index: ExploreIndex): SearchSource {
  return {
    count: index.count,
    id: (i) => index.id[i]!,
    name: (i) => index.name[i]!,
    city: (i) => index.textOf('city', i),
    district: (i) => index.textOf('district', i),
    street: (i) => index.textOf('street', i),
  };
}

/** A search index over every community of the explore index. */
export function searchIndexOf(index: ExploreIndex): SearchIndex {
  return new SearchIndex(exploreSearchSource(index));
}

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
