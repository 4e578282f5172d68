/**
 * How a search query and the names it is matched against are folded into words: shared by the
 * search index (./search-index.ts), a chunk loaded once the search is used, and the search box,
 * which highlights the match in the first load. Pure.
 */

/** Folds a text for matching: NFKC, lower case, no spaces or middle dots. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・.]+/gu, '');
}

/** The query's words, normalised; empty words dropped. */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFKC')
    .split(/[\s,，、]+/u)
    .map(normaliseForSearch)
    .filter(Boolean);
}
