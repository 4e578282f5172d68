/**
 * The explore index's logical columns: every accepted community in a compact columnar form, so
 * the browser can filter, chart, search, tabulate and re-aggregate communities without
 * downloading communities.geojson. Built by ./explore-encode.ts; the build no longer writes it as
 * JSON (it was `explore.json`, 12.3 MB gzip at national scale) but encodes it into binary parts
 * (./explore-binary.ts) that the site decodes into typed arrays.
 *
 * Row `i` of every column is feature `i` of communities.geojson (the build's record order).
 * Encodings, chosen for size at 220,000 rows:
 * - repeated strings are dictionary-encoded (`DictColumn`), most frequent first: code 0 is "no value";
 * - optional numbers are plain arrays with `null` for "no value";
 * - funding channels, which most rows leave empty, are sparse (`SparseColumn`);
 * - sets (items, missing amenity types) are 32-bit masks, one array per word (`BitColumn`);
 * - positions are fixed-point integers, delta-encoded in row order (`DeltaColumn`);
 * - dates keep their month: `YYYYMM`, with `MM = 00` when the ledger gave only the year.
 * Derived figures (fund_total, fund_fiscal, item counts per category) are not stored: the reader
 * derives them from the stored columns with the same rules as the build.
 */

/** Version of these logical columns; the binary writer refuses any other. */
export const EXPLORE_FORMAT_VERSION = 1;

/** Fixed-point scale of positions: 1e-5 degrees, about a metre. */
export const EXPLORE_COORD_SCALE = 1e5;

/** Scale of `coverage_score`, stored as an integer in thousandths. */
export const EXPLORE_COVERAGE_SCALE = 1000;

/**
 * The text fields stored as dictionary columns, in file order: one list for the writer
 * (explore-encode.ts, which checks it against the output field dictionary when it loads) and the
 * reader (src/explore/explore-index.ts). Not checked here: the site's first load would carry the
 * whole dictionary (src/domain/output-fields.ts, schema.ts) for that one check.
 */
export const TEXT_FIELDS = [
  'city',
  'district',
  'street',
  'community',
  'programme',
  'stage',
  'location_precision',
] as const;

/** Strings with a dictionary. `values[0]` is null, so code 0 means "no value". */
export interface DictColumn {
  values: (string | null)[];
  codes: number[];
}

/**
 * A column most rows leave empty: `rows` are row indices, delta-encoded (the first is absolute);
 * row `rows[k]`'s value is `values[k] × unit` (unit 1 when absent).
 */
export interface SparseColumn {
  rows: number[];
  values: number[];
  unit?: number;
}

/** Fixed-point numbers, `value[i] = (delta[0] + … + delta[i]) / scale`. */
export interface DeltaColumn {
  scale: number;
  delta: number[];
}

/**
 * Sets of keys as bit masks: bit `b` of `words[w][i]` says whether row `i` has key
 * `keys[w * 32 + b]`. Words are unsigned 32-bit integers.
 */
export interface BitColumn {
  keys: string[];
  words: number[][];
}

/** Life-circle results, present only when the build had amenities (no claim otherwise). */
export interface LifeCircleColumns {
  /** Bit 0: lc5_met, bit 1: lc10_met, bit 2: lc15_met; null when the row has no result. */
  met: (number | null)[];
  /** coverage_score × EXPLORE_COVERAGE_SCALE, rounded; null when the row has no result. */
  coverage: (number | null)[];
  /** Amenity types missing from the row's life circles. */
  missing_types: BitColumn;
}

/** One H3 resolution: the cells the communities fall in and each row's cell. */
export interface H3Column {
  resolution: number;
  /** H3 indexes (hex strings), the most populous first. */
  cells: string[];
  /** Area of each cell in km², 4 decimals, as in the aggregates. */
  area_km2: number[];
  /** Index into `cells` of each row. */
  rows: number[];
}

/** The whole file. */
export interface ExploreFile {
  version: number;
  count: number;
  columns: {
    id: string[];
    name: string[];
    city: DictColumn;
    district: DictColumn;
    street: DictColumn;
    community: DictColumn;
    programme: DictColumn;
    stage: DictColumn;
    location_precision: DictColumn;
    batch_year: (number | null)[];
    year_built: (number | null)[];
    /** `YYYYMM`; `MM = 00` when only the year is known. */
    start_month: (number | null)[];
    completion_month: (number | null)[];
    households: (number | null)[];
    residents: (number | null)[];
    buildings: (number | null)[];
    /** Yuan per funding channel field (`fund_central` …); only channels some row reports. */
    funds: Record<string, SparseColumn>;
    items: BitColumn;
    /** 1 for illustrative rows. */
    is_synthetic: number[];
    lng: DeltaColumn;
    lat: DeltaColumn;
    life_circles?: LifeCircleColumns;
  };
  /** One entry per aggregate resolution, coarse to fine. */
  h3: H3Column[];
}

/** An ISO date (`2024`, `2024-05`, `2024-05-01`) as `YYYYMM`, or null when it is not one. */
export function monthCode(iso: string | undefined | null): number | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(iso);
  if (!m) return null;
  const month = m[2] ? Number(m[2]) : 0;
  if (month > 12) return null;
  return Number(m[1]) * 100 + month;
}

/** `YYYYMM` back to text: `2024-05`, or `2024` when the month is unknown. */
export function monthText(code: number): string {
  const year = Math.floor(code / 100);
  const month = code % 100;
  return month ? `${year}-${String(month).padStart(2, '0')}` : String(year);
}
