/**
 * Search over the communities of the dataset by community name, id, street or district. Pure:
 * built from accessor functions over rows (the explore index's columns), so it is tested without
 * a browser and knows nothing of how the rows are stored.
 *
 * Matching is on characters, not pinyin: Chinese names are matched as substrings after
 * normalisation (NFKC folds full-width letters and digits, case is ignored, spaces and the
 * middle dot are dropped). A query of several words needs every word to match the entry's own
 * name or its context (street, district, city), and at least one word to match the name itself,
 * so `芙蓉区 南苑` finds 南苑小区 in 芙蓉区. Entries rank exact > prefix > substring, then entries
 * the active filters keep before those they hide, then shorter names.
 */
import { normaliseForSearch, queryWords } from './search-words';

// The search box highlights with these before the index is loaded (./search-words.ts).
export { normaliseForSearch, queryWords };

/** What a result stands for. */
export type SearchKind = 'community' | 'street' | 'district';

/** Kinds in the order the result list shows their groups. */
export const SEARCH_KINDS: readonly SearchKind[] = ['community', 'street', 'district'];

/** How well the query matched: lower is better. */
export const MATCH_RANK = { exact: 0, prefix: 1, substring: 2 } as const;
/** A value of MATCH_RANK. */
export type MatchRank = (typeof MATCH_RANK)[keyof typeof MATCH_RANK];

/** Rows to search, as accessors: the index never copies the storage it reads. */
export interface SearchSource {
  count: number;
  id(row: number): string;
  name(row: number): string;
  city(row: number): string | null;
  district(row: number): string | null;
  street(row: number): string | null;
}

/** One result. */
export interface SearchHit {
  kind: SearchKind;
  /** Stable key: the community id, or the place's city/district/street path. */
  key: string;
  /** The name shown. */
  label: string;
  /** Larger places it lies in, innermost first (street, district, city), for display. */
  context: string[];
  rank: MatchRank;
  /** True when the query matched the community's id rather than its name. */
  byId: boolean;
  /** Rows the hit stands for: one for a community, all of a street's or district's. */
  rows: readonly number[];
  /** How many of `rows` the active filters keep (all of them when no filter is given). */
  visible: number;
}

/** Hits grouped by kind, each group best first and cut to its limit. */
export interface SearchResults {
  query: string;
  groups: { kind: SearchKind; hits: SearchHit[]; total: number }[];
}

/** Options of `SearchIndex.search`. */
export interface SearchOptions {
  /** Most hits per kind. Default: 8 communities, 5 streets, 5 districts. */
  limits?: Partial<Record<SearchKind, number>>;
  /** Rows the active filters keep (truthy = kept); hits they hide rank after the rest. */
  mask?: ArrayLike<number | boolean> | null;
}

const DEFAULT_LIMITS: Record<SearchKind, number> = { community: 8, street: 5, district: 5 };

/**
 * Generic endings of place names. A query equal to a name without its ending counts as exact,
 * so `岳麓` ranks 岳麓区 above 岳麓山小区 and `南苑` ranks 南苑小区 above 南苑新村小区.
 */
const GENERIC_SUFFIXES = ['街道办事处', '小区', '社区', '街道', '新村', '镇', '乡', '区', '县', '市'];

function stripSuffix(name: string): string {
  for (const s of GENERIC_SUFFIXES)
    if (name.length > s.length && name.endsWith(s)) return name.slice(0, -s.length);
  return name;
}

/** How `word` matches `text` (both normalised), or null when it does not. */
export function matchRank(word: string, text: string): MatchRank | null {
  if (!word || !text) return null;
  if (text === word || stripSuffix(text) === word) return MATCH_RANK.exact;
  if (text.startsWith(word)) return MATCH_RANK.prefix;
  if (text.includes(word)) return MATCH_RANK.substring;
  return null;
}

interface Entry {
  kind: SearchKind;
  key: string;
  label: string;
  context: string[];
  /** Normalised name, and id for communities. */
  name: string;
  id: string | null;
  /** Normalised context names. */
  contextNorm: string[];
  rows: number[];
}

/** Best rank of the words against an entry, or null when the entry does not match them all. */
function rankEntry(words: readonly string[], e: Entry): { rank: MatchRank; byId: boolean } | null {
  let best: MatchRank | null = null;
  let byId = false;
  for (const w of words) {
    const onName = matchRank(w, e.name);
    const onId = e.id !== null ? matchRank(w, e.id) : null;
    const own = onName ?? onId;
    if (own !== null) {
      if (best === null || own < best) {
        best = own;
        byId = onName === null;
      }
      continue;
    }
    if (!e.contextNorm.some((c) => c.includes(w))) return null;
  }
  return best === null ? null : { rank: best, byId };
}

const collator = new Intl.Collator('zh-CN');

/**
 * Adds `row` to the district or street under `key`, creating its entry on the place's first row;
 * `context` lists the enclosing places, innermost first (missing ones are left out).
 */
function addToPlace(
  places: Map<string, Entry>,
  kind: 'district' | 'street',
  key: string,
  label: string,
  context: readonly (string | null | undefined)[],
  row: number,
): void {
  let entry = places.get(key);
  if (!entry) {
    const names = context.filter((c): c is string => Boolean(c));
    entry = {
      kind,
      key,
      label,
      context: names,
      name: normaliseForSearch(label),
      id: null,
      contextNorm: names.map(normaliseForSearch),
      rows: [],
    };
    places.set(key, entry);
  }
  entry.rows.push(row);
}

/** A search index over communities and the streets and districts they lie in. */
export class SearchIndex {
  private readonly entries: Entry[] = [];

  constructor(source: SearchSource) {
    const streets = new Map<string, Entry>();
    const districts = new Map<string, Entry>();
    for (let row = 0; row < source.count; row++) {
      const name = source.name(row);
      const id = source.id(row);
      const city = source.city(row);
      const district = source.district(row);
      const street = source.street(row);
      const context = [street, district, city].filter((c): c is string => Boolean(c));
      this.entries.push({
        kind: 'community',
        key: id,
        label: name || id,
        context,
        name: normaliseForSearch(name),
        id: normaliseForSearch(id),
        contextNorm: context.map(normaliseForSearch),
        rows: [row],
      });
      // The same district or street name can exist in two cities: the key keeps them apart.
      if (district) addToPlace(districts, 'district', `${city ?? ''}/${district}`, district, [city], row);
      if (street) {
        addToPlace(
          streets,
          'street',
          `${city ?? ''}/${district ?? ''}/${street}`,
          street,
          [district, city],
          row,
        );
      }
    }
    // One push per entry: spread into a call, a ledger of 150,000 streets overflows the stack.
    for (const s of streets.values()) this.entries.push(s);
    for (const d of districts.values()) this.entries.push(d);
  }

  /** Number of entries (communities, streets and districts together). */
  get size(): number {
    return this.entries.length;
  }

  /** The entry of a kind and key, as a hit of exact rank; null when there is none. */
  lookup(kind: SearchKind, key: string, mask?: SearchOptions['mask']): SearchHit | null {
    const e = this.entries.find((x) => x.kind === kind && x.key === key);
    return e ? toHit(e, MATCH_RANK.exact, false, mask ?? null) : null;
  }

  /** Hits for `query`, grouped by kind. An empty query finds nothing. */
  search(query: string, options: SearchOptions = {}): SearchResults {
    const words = queryWords(query);
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    const mask = options.mask ?? null;
    const found: Record<SearchKind, SearchHit[]> = { community: [], street: [], district: [] };
    if (words.length) {
      for (const e of this.entries) {
        const r = rankEntry(words, e);
        if (r) found[e.kind].push(toHit(e, r.rank, r.byId, mask));
      }
    }
    return {
      query,
      groups: SEARCH_KINDS.map((kind) => {
        const hits = found[kind].sort(compareHits);
        return { kind, hits: hits.slice(0, limits[kind]), total: hits.length };
      }),
    };
  }
}

function toHit(e: Entry, rank: MatchRank, byId: boolean, mask: SearchOptions['mask']): SearchHit {
  let visible = e.rows.length;
  if (mask) {
    visible = 0;
    for (const r of e.rows) if (mask[r]) visible++;
  }
  return { kind: e.kind, key: e.key, label: e.label, context: e.context, rank, byId, rows: e.rows, visible };
}

/** Better match first; then hits the filters keep; then bigger places; then shorter, then collation. */
function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    a.rank - b.rank ||
    Number(b.visible > 0) - Number(a.visible > 0) ||
    b.rows.length - a.rows.length ||
    a.label.length - b.label.length ||
    collator.compare(a.label, b.label) ||
    collator.compare(a.key, b.key)
  );
}
