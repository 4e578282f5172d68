/**
 * The explore index (src/explore/explore-index.ts) as the search's row source, and the places a
 * search hit stands for. Kept here so the search module itself depends on no storage format.
 */
import type { ExploreIndex } from '../explore/explore-index';
import { SearchIndex, type SearchSource } from './search-index';

// Kept apart (./rows-bounds.ts): the page fits the map to rows without loading the search.
export { rowsBounds } from './rows-bounds';

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
