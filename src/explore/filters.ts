/**
 * What the reader has narrowed the communities down to, in three equivalent forms:
 * - `Filters`, the state, written to and read from the address (`?stage=construction,completed`);
 * - `matchMask`, which rows of the explore index match (for counts, charts, tables);
 * - `filterExpression`, a MapLibre filter on the community tiles' own properties, so the map
 *   layers follow the filters without any list of ids.
 * The last two must agree on every community; filters.test.ts checks that on random rows.
 *
 * Within a dimension values are alternatives (stage is construction OR completed); dimensions
 * combine (AND). A row without a value fails any non-empty filter on that dimension.
 */
import type { FilterSpecification } from 'maplibre-gl';
import { STAGES } from '../domain/vocabulary';
import { IS_SYNTHETIC } from '../style/scales';
import { BYTE_HISTOGRAM_SIZE, bitCountsOfHistogram } from './bit-histogram';
import type { ExploreIndex, TextField } from './explore-index';

/** Text dimensions filtered by a set of values; each is a tile property of the same name. */
export const SET_DIMENSIONS = ['programme', 'city', 'district', 'street', 'stage'] as const;
/** A text dimension. */
export type SetDimension = (typeof SET_DIMENSIONS)[number] & TextField;

/** Inclusive year range; null ends are open. */
export interface YearRange {
  min: number | null;
  max: number | null;
}

/** Which communities by provenance: all, only ledger rows, or only illustrative ones. */
export type SyntheticFilter = 'all' | 'real' | 'synthetic';

/** The filter state. Empty arrays and open ranges filter nothing. */
export interface Filters {
  programme: readonly string[];
  city: readonly string[];
  district: readonly string[];
  street: readonly string[];
  stage: readonly string[];
  batchYear: YearRange;
  yearBuilt: YearRange;
  /** Item keys; a community matches when it has any of them. */
  items: readonly string[];
  synthetic: SyntheticFilter;
}

/** No filter at all. */
export const EMPTY_FILTERS: Readonly<Filters> = Object.freeze({
  programme: [],
  city: [],
  district: [],
  street: [],
  stage: [],
  batchYear: { min: null, max: null },
  yearBuilt: { min: null, max: null },
  items: [],
  synthetic: 'all',
});

/** Query parameter of each filter dimension. */
export const FILTER_PARAMS = {
  programme: 'programme',
  city: 'city',
  district: 'district',
  street: 'street',
  stage: 'stage',
  batchYear: 'batch',
  yearBuilt: 'built',
  items: 'items',
  synthetic: 'synthetic',
} as const satisfies Record<keyof Filters, string>;

const OWN_PARAMS: ReadonlySet<string> = new Set(Object.values(FILTER_PARAMS));
const STAGE_SET: ReadonlySet<string> = new Set(STAGES);

/** Tile property of each range dimension. */
const RANGE_PROPERTY = { batchYear: 'batch_year', yearBuilt: 'year_built' } as const;

const isOpen = (r: YearRange) => r.min === null && r.max === null;

/** Number of dimensions that filter something (for a badge on the panel's toggle). */
export function activeFilterCount(f: Filters): number {
  let n = 0;
  for (const d of SET_DIMENSIONS) if (f[d].length) n++;
  if (!isOpen(f.batchYear)) n++;
  if (!isOpen(f.yearBuilt)) n++;
  if (f.items.length) n++;
  if (f.synthetic !== 'all') n++;
  return n;
}

/** Whether the filters let every community through. */
export function isEmptyFilters(f: Filters): boolean {
  return activeFilterCount(f) === 0;
}

/** Adds `value` to a set dimension, or removes it when present. */
export function toggleValue(f: Filters, dimension: SetDimension | 'items', value: string): Filters {
  const current = f[dimension];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...f, [dimension]: next };
}

// ---------------------------------------------------------------------------------------------
// Address

/** The `key=value` parts of a query string, undecoded, in order, each with its key. */
function rawParts(search: string): { key: string; raw: string; part: string }[] {
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (!text) return [];
  return text
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0
        ? { key: part, raw: '', part }
        : { key: part.slice(0, eq), raw: part.slice(eq + 1), part };
    });
}

function decode(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** A list parameter's values: split on commas after decoding, so `a%2Cb` (as URLSearchParams writes it) reads the same as `a,b`. */
function listValues(raw: string): string[] {
  const text = decode(raw);
  if (text === null) return [];
  return [
    ...new Set(
      text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

function parseRange(raw: string): YearRange {
  const text = decode(raw)?.trim() ?? '';
  const single = /^(\d{1,4})$/.exec(text);
  if (single) return { min: Number(single[1]), max: Number(single[1]) };
  const m = /^(\d{1,4})?-(\d{1,4})?$/.exec(text);
  if (!m) return { min: null, max: null };
  let min = m[1] ? Number(m[1]) : null;
  let max = m[2] ? Number(m[2]) : null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  return { min, max };
}

function rangeText(r: YearRange): string {
  if (r.min !== null && r.min === r.max) return String(r.min);
  return `${r.min ?? ''}-${r.max ?? ''}`;
}

/**
 * Reads the filters from a query string (`location.search`). Unknown stages are dropped;
 * malformed ranges are open. Values cannot contain commas (the list separator).
 */
export function parseFilters(search: string): Filters {
  const filters: Filters = { ...EMPTY_FILTERS };
  const pairs = new Map<string, string>();
  for (const { key, raw } of rawParts(search)) {
    const name = decode(key);
    if (name !== null && OWN_PARAMS.has(name) && !pairs.has(name)) pairs.set(name, raw);
  }
  for (const d of SET_DIMENSIONS) {
    const raw = pairs.get(FILTER_PARAMS[d]);
    if (raw === undefined) continue;
    const values = listValues(raw);
    filters[d] = d === 'stage' ? values.filter((v) => STAGE_SET.has(v)) : values;
  }
  const items = pairs.get(FILTER_PARAMS.items);
  if (items !== undefined) filters.items = listValues(items);
  for (const d of ['batchYear', 'yearBuilt'] as const) {
    const raw = pairs.get(FILTER_PARAMS[d]);
    if (raw !== undefined) filters[d] = parseRange(raw);
  }
  const synthetic = decode(pairs.get(FILTER_PARAMS.synthetic) ?? '');
  filters.synthetic = synthetic === 'real' || synthetic === 'synthetic' ? synthetic : 'all';
  return filters;
}

/** Encodes one list value; commas stay readable as separators, everything else is escaped. */
const encodeValue = (v: string) => encodeURIComponent(v);

/**
 * Writes the filters into a query string, keeping every parameter it does not own exactly as
 * it was. Empty dimensions are left out. Returns `''` or a string starting with `?`.
 */
export function serialiseFilters(filters: Filters, search = ''): string {
  const parts = rawParts(search)
    .filter(({ key }) => !OWN_PARAMS.has(decode(key) ?? key))
    .map(({ part }) => part);
  for (const d of SET_DIMENSIONS)
    if (filters[d].length) parts.push(`${FILTER_PARAMS[d]}=${filters[d].map(encodeValue).join(',')}`);
  for (const d of ['batchYear', 'yearBuilt'] as const)
    if (!isOpen(filters[d])) parts.push(`${FILTER_PARAMS[d]}=${rangeText(filters[d])}`);
  if (filters.items.length) parts.push(`${FILTER_PARAMS.items}=${filters.items.map(encodeValue).join(',')}`);
  if (filters.synthetic !== 'all') parts.push(`${FILTER_PARAMS.synthetic}=${filters.synthetic}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

// ---------------------------------------------------------------------------------------------
// Rows

/** The filter dimensions, in the order of the bits `failedDimensions` sets. */
const DIMENSIONS = [...SET_DIMENSIONS, 'batchYear', 'yearBuilt', 'items', 'synthetic'] as const;
type Dimension = (typeof DIMENSIONS)[number];
/** Bit of each dimension in `failedDimensions`' words. */
const BIT = Object.fromEntries(DIMENSIONS.map((d, k) => [d, 1 << k])) as Record<Dimension, number>;

/** Sets `bit` in `failed[i]` for every row whose code `table` marks (`table[code]` is 0 or `bit`). */
function markCodes(failed: Uint16Array, codes: Uint16Array | Uint32Array, table: Uint16Array): void {
  for (let i = 0; i < failed.length; i++) failed[i]! |= table[codes[i]!]!;
}

/** Sets `bit` for every row without a year, or with one outside `min`..`max`. */
function markYears(failed: Uint16Array, years: Uint32Array, min: number, max: number, bit: number): void {
  for (let i = 0; i < failed.length; i++) {
    const y = years[i]!;
    if (y === 0 || y < min || y > max) failed[i]! |= bit;
  }
}

/**
 * Per row, the bit (`1 << k`, k its place in DIMENSIONS) of every filter dimension the row
 * fails: 0 for a matching row. One tight loop per active dimension over lookup tables, no call
 * per row, so even before the engine has optimised it a filter costs a few passes over typed arrays.
 */
export function failedDimensions(index: ExploreIndex, f: Filters): Uint16Array {
  const failed = new Uint16Array(index.count);
  for (const d of SET_DIMENSIONS) {
    const values = f[d];
    if (!values.length) continue;
    const column = index.text[d];
    // Per code, the dimension's bit unless the value is ticked: code 0 (no value) always fails.
    const table = new Uint16Array(column.values.length).fill(BIT[d]);
    for (const v of values) {
      const code = column.codeOf.get(v);
      if (code !== undefined) table[code] = 0;
    }
    markCodes(failed, column.codes, table);
  }
  for (const d of ['batchYear', 'yearBuilt'] as const) {
    const r = f[d];
    if (isOpen(r)) continue;
    const years = d === 'batchYear' ? index.batchYear : index.yearBuilt;
    markYears(failed, years, r.min ?? -Infinity, r.max ?? Infinity, BIT[d]);
  }
  if (f.items.length) {
    const words = index.items.words;
    const masks = new Uint32Array(words.length);
    for (const key of f.items) {
      const b = index.items.bitOf.get(key);
      if (b !== undefined) masks[b >>> 5]! |= 1 << (b & 31);
    }
    // Every row fails until one of its words holds a ticked item.
    const bit = BIT.items;
    for (let i = 0; i < failed.length; i++) failed[i]! |= bit;
    words.forEach((column, w) => {
      const m = masks[w]!;
      if (m) for (let i = 0; i < failed.length; i++) if (column[i]! & m) failed[i]! &= ~bit;
    });
  }
  if (f.synthetic !== 'all') {
    const want = f.synthetic === 'synthetic' ? 1 : 0;
    const flags = index.isSynthetic;
    const bit = BIT.synthetic;
    for (let i = 0; i < failed.length; i++) if (flags[i] !== want) failed[i]! |= bit;
  }
  return failed;
}

/** 1 for every row of the index that matches the filters, 0 otherwise. */
export function matchMask(index: ExploreIndex, filters: Filters): Uint8Array {
  return maskOf(failedDimensions(index, filters));
}

/** The mask of the rows failing no dimension, from `failedDimensions`. */
export function maskOf(failed: Uint16Array): Uint8Array {
  const mask = new Uint8Array(failed.length);
  for (let i = 0; i < failed.length; i++) mask[i] = failed[i] === 0 ? 1 : 0;
  return mask;
}

/**
 * The mask of the rows failing no dimension but `dimension` (from `failedDimensions`): what
 * filtering by everything except that dimension lets through, as a chart of it counts.
 */
export function maskWithout(failed: Uint16Array, dimension: keyof Filters): Uint8Array {
  const others = ((1 << DIMENSIONS.length) - 1) & ~BIT[dimension];
  const mask = new Uint8Array(failed.length);
  for (let i = 0; i < failed.length; i++) mask[i] = ((failed[i]! & others) - 1) >>> 31;
  return mask;
}

/** How many rows a mask lets through. */
export function countMask(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

/**
 * Counts for the options of each dimension, each under all the *other* filters: what ticking
 * that option would add (the usual faceted-search counts), so an option never shows 0 merely
 * because a sibling option is selected.
 */
export interface Facets {
  /** Rows matching every filter. */
  matched: number;
  /** Count per dictionary code of each text dimension. */
  text: Record<SetDimension, Uint32Array>;
  /** Rows per batch year and per year built (years without a row are absent). */
  batchYear: Map<number, number>;
  yearBuilt: Map<number, number>;
  /** Count per item bit (index.items.keys order). */
  items: Uint32Array;
  /** Ledger and illustrative rows. */
  synthetic: { real: number; synthetic: number };
}

/**
 * Adds 1 to `out[codes[i]]` for every row failing no dimension of `others`. Branch-free:
 * `(x - 1) >>> 31` is 1 for x = 0 and 0 for any x in 1..0xffff, so a filter letting half the
 * rows through costs no mispredicted branch per row.
 */
function countCodes(
  out: Uint32Array,
  codes: Uint16Array | Uint32Array | Uint8Array,
  failed: Uint16Array,
  others: number,
): void {
  for (let i = 0; i < failed.length; i++) out[codes[i]!]! += ((failed[i]! & others) - 1) >>> 31;
}

/** Rows per year (low 16 bits) failing no dimension of `others`; year 0 ("no year") is not an option. */
function countYears(years: Uint32Array, failed: Uint16Array, others: number): Map<number, number> {
  const perYear = new Uint32Array(0x10000);
  for (let i = 0; i < failed.length; i++) perYear[years[i]! & 0xffff]! += ((failed[i]! & others) - 1) >>> 31;
  const map = new Map<number, number>();
  for (let y = 1; y < perYear.length; y++) if (perYear[y]) map.set(y, perYear[y]!);
  return map;
}

/** Adds each set bit of `words[i]` (bit b counts at `out[offset + b]`) for rows failing no dimension of `others`. */
function countBits(
  out: Uint32Array,
  offset: number,
  words: Uint32Array,
  failed: Uint16Array,
  others: number,
): void {
  const hist = new Uint32Array(BYTE_HISTOGRAM_SIZE);
  for (let i = 0; i < failed.length; i++) {
    // As addToByteHistogram, inline: 1 for a row failing no other dimension, else 0.
    const ok = ((failed[i]! & others) - 1) >>> 31;
    const word = words[i]!;
    hist[word & 255]! += ok;
    hist[256 + ((word >>> 8) & 255)]! += ok;
    hist[512 + ((word >>> 16) & 255)]! += ok;
    hist[768 + (word >>> 24)]! += ok;
  }
  bitCountsOfHistogram(hist, 0, out, offset);
}

/**
 * Faceted counts of every option under the current filters. A row counts for a dimension's
 * options when it fails no *other* dimension (`failedDimensions`): one pass over the rows per
 * dimension, each a tight loop over two typed arrays. `failed` may be passed when the caller
 * already has it for the same filters (the mask is made from it too).
 */
export function facetCounts(
  index: ExploreIndex,
  filters: Filters,
  failed: Uint16Array = failedDimensions(index, filters),
): Facets {
  const all = (1 << DIMENSIONS.length) - 1;
  const others = (d: Dimension) => all & ~BIT[d];
  const text = {} as Record<SetDimension, Uint32Array>;
  for (const d of SET_DIMENSIONS) {
    const column = index.text[d];
    text[d] = new Uint32Array(column.values.length);
    countCodes(text[d], column.codes, failed, others(d));
  }
  const items = new Uint32Array(index.items.keys.length);
  index.items.words.forEach((words, w) => countBits(items, w * 32, words, failed, others('items')));
  const synthetic = new Uint32Array(2);
  countCodes(synthetic, index.isSynthetic, failed, others('synthetic'));
  let matched = 0;
  for (let i = 0; i < failed.length; i++) matched += (failed[i]! - 1) >>> 31;
  return {
    matched,
    text,
    batchYear: countYears(index.batchYear, failed, others('batchYear')),
    yearBuilt: countYears(index.yearBuilt, failed, others('yearBuilt')),
    items,
    synthetic: { real: synthetic[0]!, synthetic: synthetic[1]! },
  };
}

// ---------------------------------------------------------------------------------------------
// Map

/**
 * The filters as a MapLibre filter on the community tile properties (`programme`, `city`,
 * `district`, `street`, `stage`, `batch_year`, `year_built`, `items` as a comma-separated
 * list, `is_synthetic`), all of which the tiles keep at every zoom. Null when nothing is
 * filtered. Below the tiles' maximum zoom a point stands for `density` communities and is
 * kept or hidden by its own properties, so zoomed out the map thins with the filter rather than
 * counting exactly; the counts and charts use the index and are exact.
 */
export function filterExpression(filters: Filters): FilterSpecification | null {
  const clauses: unknown[] = [];
  for (const d of SET_DIMENSIONS) {
    const values = [...new Set(filters[d])];
    if (values.length) clauses.push(['match', ['get', d], values, true, false]);
  }
  for (const d of ['batchYear', 'yearBuilt'] as const) {
    const r = filters[d];
    if (isOpen(r)) continue;
    const property = RANGE_PROPERTY[d];
    const value = ['to-number', ['get', property]];
    clauses.push([
      'all',
      ['has', property],
      ...(r.min !== null ? [['>=', value, r.min]] : []),
      ...(r.max !== null ? [['<=', value, r.max]] : []),
    ]);
  }
  if (filters.items.length) {
    // `,a,b,` contains `,a,` exactly when a is one of the items: no prefix false positives.
    const list = ['concat', ',', ['to-string', ['coalesce', ['get', 'items'], '']], ','];
    clauses.push(['any', ...[...new Set(filters.items)].map((k) => ['in', `,${k},`, list])]);
  }
  if (filters.synthetic === 'synthetic') clauses.push(IS_SYNTHETIC);
  else if (filters.synthetic === 'real') clauses.push(['!', IS_SYNTHETIC]);
  if (!clauses.length) return null;
  return (clauses.length === 1 ? clauses[0] : ['all', ...clauses]) as FilterSpecification;
}

/** Tile properties `filterExpression` reads: the tiles must keep them below the maximum zoom. */
export const FILTER_PROPERTIES: readonly string[] = [
  ...SET_DIMENSIONS,
  ...Object.values(RANGE_PROPERTY),
  'items',
  'is_synthetic',
];

/** Combines a layer's own filter with the explore filter (either may be absent). */
export function combineFilters(
  base: FilterSpecification | null | undefined,
  extra: FilterSpecification | null | undefined,
): FilterSpecification | null {
  if (!base) return extra ?? null;
  if (!extra) return base;
  return ['all', base, extra] as FilterSpecification;
}
