/**
 * The explore index in the browser: `data/explore.json` (./explore-format.ts) decoded into typed
 * arrays, one per column, so filtering and summing 220,000 communities is a tight loop over
 * numbers. Row `i` is feature `i` of communities.geojson. Search, the table view and area
 * statistics read communities from here; nothing needs the GeoJSON.
 *
 * Missing values: 0 in year and month arrays (no year 0 exists), NaN in measures, code 0 in
 * dictionary columns, -1 in life-circle flags.
 */
import { isFiscalChannel } from '../domain/metrics';
import { FUNDING_CHANNELS, ITEM_BY_KEY, ITEM_CATEGORIES, type FundField } from '../domain/vocabulary';
import type { ItemCategory } from '../domain/vocabulary';
import { fetchChecked } from '../lib/data-integrity';
import {
  EXPLORE_COVERAGE_SCALE,
  EXPLORE_FILE,
  EXPLORE_FORMAT_VERSION,
  monthText,
  TEXT_FIELDS,
  type BitColumn,
  type DeltaColumn,
  type DictColumn,
  type ExploreFile,
  type SparseColumn,
} from '../contracts/explore-format';

/** The dictionary-encoded text fields (defined with the file format). */
export { TEXT_FIELDS };
/** A dictionary-encoded text field. */
export type TextField = (typeof TEXT_FIELDS)[number];

/** A decoded dictionary column: `values[codes[i]]` is row i's value; code 0 is null (no value). */
export interface TextColumn {
  readonly values: readonly (string | null)[];
  readonly codes: Uint16Array | Uint32Array;
  /** Code of a value, or undefined when no row has it. */
  readonly codeOf: ReadonlyMap<string, number>;
}

/** A decoded set column: bit `b` of `words[w][i]` ⇔ row i has `keys[w * 32 + b]`. */
export interface BitSetColumn {
  readonly keys: readonly string[];
  readonly words: readonly Uint32Array[];
  /** Bit position of a key. */
  readonly bitOf: ReadonlyMap<string, number>;
}

/** The H3 cells of one aggregate resolution. */
export interface H3Cells {
  readonly resolution: number;
  /** H3 indexes (hex strings). */
  readonly cells: readonly string[];
  /** km² of each cell. */
  readonly areaKm2: Float64Array;
  /** Index into `cells` of each row. */
  readonly cellOf: Uint32Array;
}

/** Life-circle results; only when the build had amenities. */
export interface LifeCircleArrays {
  /** 1 met, 0 not met, -1 no result for the row. */
  readonly lc5: Int8Array;
  readonly lc10: Int8Array;
  readonly lc15: Int8Array;
  /** 0..1, NaN without a result. */
  readonly coverage: Float64Array;
  readonly missingTypes: BitSetColumn;
}

/** One community as a plain object, for display (table rows, search results, tooltips). */
export interface ExploreRow {
  index: number;
  id: string;
  name: string;
  city: string | null;
  district: string | null;
  street: string | null;
  community: string | null;
  programme: string | null;
  stage: string | null;
  location_precision: string | null;
  batch_year: number | null;
  year_built: number | null;
  /** `YYYY-MM`, or `YYYY` when only the year is known. */
  start_month: string | null;
  completion_month: string | null;
  households: number | null;
  residents: number | null;
  buildings: number | null;
  /** Yuan per channel the row reports. */
  funds: Partial<Record<FundField, number>>;
  fund_total: number;
  fund_fiscal: number;
  items: string[];
  items_basic: number;
  items_improvement: number;
  items_enhancement: number;
  items_count: number;
  is_synthetic: boolean;
  lng: number;
  lat: number;
  lc5_met: boolean | null;
  lc10_met: boolean | null;
  lc15_met: boolean | null;
  coverage_score: number | null;
  missing_types: string[] | null;
}

/** explore.json is missing or malformed; the message names the column. */
export class ExploreIndexError extends Error {
  override name = 'ExploreIndexError';
}

function fail(what: string): never {
  throw new ExploreIndexError(`explore index: ${what}`);
}

function expectLength(name: string, array: unknown, count: number): void {
  if (!Array.isArray(array)) fail(`column ${name} is not an array`);
  if (array.length !== count) fail(`column ${name} has ${array.length} rows, expected ${count}`);
}

function decodeText(name: string, column: DictColumn | undefined, count: number): TextColumn {
  if (!column || !Array.isArray(column.values)) fail(`column ${name} is missing`);
  expectLength(name, column.codes, count);
  const values = column.values;
  const codes = values.length <= 0xffff ? new Uint16Array(count) : new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const c = column.codes[i]!;
    if (!(c >= 0 && c < values.length)) fail(`column ${name} row ${i} has code ${c} of ${values.length}`);
    codes[i] = c;
  }
  const codeOf = new Map<string, number>();
  values.forEach((v, k) => {
    if (k > 0 && typeof v === 'string') codeOf.set(v, k);
  });
  return { values, codes, codeOf };
}

function decodeNumbers(name: string, column: (number | null)[] | undefined, count: number): Float64Array {
  expectLength(name, column, count);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = column![i];
    out[i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

/** Years and months: 0 for "no value". */
function decodeIntegers(name: string, column: (number | null)[] | undefined, count: number): Uint32Array {
  expectLength(name, column, count);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = column![i] ?? 0;
  return out;
}

function decodeDelta(name: string, column: DeltaColumn | undefined, count: number): Float64Array {
  if (!column || !(column.scale > 0)) fail(`column ${name} has no scale`);
  expectLength(name, column.delta, count);
  const out = new Float64Array(count);
  let fixed = 0;
  for (let i = 0; i < count; i++) {
    fixed += column.delta[i]!;
    out[i] = fixed / column.scale;
  }
  return out;
}

function decodeSparse(name: string, column: SparseColumn, count: number): Float64Array {
  const out = new Float64Array(count).fill(NaN);
  if (!Array.isArray(column.rows) || column.rows.length !== column.values?.length)
    fail(`column ${name} has unmatched rows and values`);
  const unit = column.unit ?? 1;
  let row = 0;
  for (let k = 0; k < column.rows.length; k++) {
    row += column.rows[k]!;
    if (!(row >= 0 && row < count)) fail(`column ${name} points at row ${row} of ${count}`);
    out[row] = column.values[k]! * unit;
  }
  return out;
}

function decodeBits(name: string, column: BitColumn | undefined, count: number): BitSetColumn {
  if (!column || !Array.isArray(column.keys) || !Array.isArray(column.words))
    fail(`column ${name} is missing`);
  if (column.words.length !== Math.ceil(column.keys.length / 32))
    fail(`column ${name} has ${column.words.length} words for ${column.keys.length} keys`);
  const words = column.words.map((w, k) => {
    expectLength(`${name}[${k}]`, w, count);
    return Uint32Array.from(w);
  });
  return { keys: column.keys, words, bitOf: new Map(column.keys.map((key, b) => [key, b])) };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bit masks (one per word) of the keys of a category; keys outside the vocabulary belong to none. */
function categoryMasks(keys: readonly string[]): Record<ItemCategory, Uint32Array> {
  const words = Math.ceil(keys.length / 32);
  const masks = Object.fromEntries(ITEM_CATEGORIES.map((c) => [c, new Uint32Array(words)])) as Record<
    ItemCategory,
    Uint32Array
  >;
  keys.forEach((key, b) => {
    const category = ITEM_BY_KEY.get(key)?.category;
    if (category) masks[category][b >>> 5]! |= 1 << (b & 31);
  });
  return masks;
}

/** Every accepted community, decoded. Construct with `decodeExploreIndex`. */
export class ExploreIndex {
  /** Number of communities (rows). */
  readonly count: number;
  /** Community ids, unique. */
  readonly id: readonly string[];
  /** Community names. */
  readonly name: readonly string[];
  /** Dictionary-encoded text fields. */
  readonly text: Readonly<Record<TextField, TextColumn>>;
  /** Year of the renovation batch; 0 when not given. */
  readonly batchYear: Uint32Array;
  /** Year built; 0 when not given. */
  readonly yearBuilt: Uint32Array;
  /** Start and completion as `YYYYMM` (`MM = 00`: year only); 0 when not given. */
  readonly startMonth: Uint32Array;
  readonly completionMonth: Uint32Array;
  /** NaN when not given. */
  readonly households: Float64Array;
  readonly residents: Float64Array;
  readonly buildings: Float64Array;
  /** Yuan per funding channel, NaN where the row does not report the channel. Only channels some row reports. */
  readonly funds: ReadonlyMap<FundField, Float64Array>;
  /** Sum of the row's channels (0 when it reports none), as `deriveFunding` computes it. */
  readonly fundTotal: Float64Array;
  /** Government channels only. */
  readonly fundFiscal: Float64Array;
  /** 1 when the row reports at least one funding channel. */
  readonly reportsFunds: Uint8Array;
  /** Renovation items as bit sets. */
  readonly items: BitSetColumn;
  /** Distinct vocabulary items per category, and in all (as `itemCategoryCounts`). */
  readonly itemCategoryCounts: Readonly<Record<ItemCategory, Uint8Array>>;
  readonly itemsCount: Uint8Array;
  /** Bit masks of each category over `items.keys`, one number per word. */
  readonly itemCategoryMasks: Readonly<Record<ItemCategory, Uint32Array>>;
  /** 1 for illustrative rows. */
  readonly isSynthetic: Uint8Array;
  /** WGS84, to 1e-5 degrees. */
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  /** Life-circle results; null when the build had no amenities. */
  readonly lifeCircles: LifeCircleArrays | null;
  /** H3 cells of each row, one entry per aggregate resolution, coarse to fine. */
  readonly h3: readonly H3Cells[];

  #rowOfId: Map<string, number> | null = null;

  /** Decodes a parsed explore.json; throws ExploreIndexError naming the first bad column. */
  constructor(file: ExploreFile) {
    if (typeof file !== 'object' || file === null) fail('not a JSON object');
    if (file.version !== EXPLORE_FORMAT_VERSION)
      fail(`version ${String(file.version)} is not supported (expected ${EXPLORE_FORMAT_VERSION})`);
    const n = file.count;
    if (!Number.isInteger(n) || n < 0) fail(`count ${String(n)} is not a row count`);
    const c = file.columns;
    if (typeof c !== 'object' || c === null) fail('no columns');
    this.count = n;
    expectLength('id', c.id, n);
    expectLength('name', c.name, n);
    this.id = c.id;
    this.name = c.name;
    this.text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, decodeText(f, c[f], n)])) as Record<
      TextField,
      TextColumn
    >;
    this.batchYear = decodeIntegers('batch_year', c.batch_year, n);
    this.yearBuilt = decodeIntegers('year_built', c.year_built, n);
    this.startMonth = decodeIntegers('start_month', c.start_month, n);
    this.completionMonth = decodeIntegers('completion_month', c.completion_month, n);
    this.households = decodeNumbers('households', c.households, n);
    this.residents = decodeNumbers('residents', c.residents, n);
    this.buildings = decodeNumbers('buildings', c.buildings, n);

    const funds = new Map<FundField, Float64Array>();
    const nonfiscal = new Float64Array(n);
    this.fundFiscal = new Float64Array(n);
    this.reportsFunds = new Uint8Array(n);
    for (const channel of FUNDING_CHANNELS) {
      const column = c.funds?.[channel.field];
      if (!column) continue;
      const values = decodeSparse(channel.field, column, n);
      funds.set(channel.field, values);
      const sums = isFiscalChannel(channel.field) ? this.fundFiscal : nonfiscal;
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) continue;
        this.reportsFunds[i] = 1;
        sums[i]! += v;
      }
    }
    // Total = fiscal + non-fiscal, the way deriveFunding adds them up.
    this.fundTotal = this.fundFiscal.map((f, i) => f + nonfiscal[i]!);
    this.funds = funds;

    this.items = decodeBits('items', c.items, n);
    this.itemCategoryMasks = categoryMasks(this.items.keys);
    const counts = Object.fromEntries(ITEM_CATEGORIES.map((k) => [k, new Uint8Array(n)])) as Record<
      ItemCategory,
      Uint8Array
    >;
    this.itemsCount = new Uint8Array(n);
    for (let w = 0; w < this.items.words.length; w++) {
      const word = this.items.words[w]!;
      for (const category of ITEM_CATEGORIES) {
        const mask = this.itemCategoryMasks[category][w]!;
        if (!mask) continue;
        const out = counts[category];
        for (let i = 0; i < n; i++) {
          const k = popcount(word[i]! & mask);
          out[i]! += k;
          this.itemsCount[i]! += k;
        }
      }
    }
    this.itemCategoryCounts = counts;

    expectLength('is_synthetic', c.is_synthetic, n);
    this.isSynthetic = Uint8Array.from(c.is_synthetic, (v) => (v ? 1 : 0));
    this.lng = decodeDelta('lng', c.lng, n);
    this.lat = decodeDelta('lat', c.lat, n);

    if (c.life_circles) {
      const met = c.life_circles.met;
      expectLength('life_circles.met', met, n);
      const flag = (bit: number) => Int8Array.from(met, (m) => (m === null ? -1 : m & bit ? 1 : 0));
      const coverage = decodeNumbers('life_circles.coverage', c.life_circles.coverage, n);
      for (let i = 0; i < n; i++) coverage[i]! /= EXPLORE_COVERAGE_SCALE;
      this.lifeCircles = {
        lc5: flag(1),
        lc10: flag(2),
        lc15: flag(4),
        coverage,
        missingTypes: decodeBits('life_circles.missing_types', c.life_circles.missing_types, n),
      };
    } else this.lifeCircles = null;

    if (!Array.isArray(file.h3)) fail('h3 is missing');
    this.h3 = file.h3.map((h) => {
      const name = `h3 r${h.resolution}`;
      expectLength(`${name} area_km2`, h.area_km2, h.cells?.length ?? -1);
      expectLength(`${name} rows`, h.rows, n);
      const cellOf = Uint32Array.from(h.rows);
      for (let i = 0; i < n; i++)
        if (cellOf[i]! >= h.cells.length) fail(`${name} row ${i} points past the cells`);
      return { resolution: h.resolution, cells: h.cells, areaKm2: Float64Array.from(h.area_km2), cellOf };
    });
  }

  /** Row i's value of a text field, or null. */
  textOf(field: TextField, i: number): string | null {
    const column = this.text[field];
    return column.values[column.codes[i]!] ?? null;
  }

  /** Whether row i has the item (false for a key the index does not know). */
  hasItem(i: number, key: string): boolean {
    const b = this.items.bitOf.get(key);
    return b !== undefined && (this.items.words[b >>> 5]![i]! & (1 << (b & 31))) !== 0;
  }

  /** Row i's item keys, in vocabulary order. */
  itemsOf(i: number): string[] {
    return keysOf(this.items, i);
  }

  /** Row index of a community id, or -1. */
  rowOf(id: string): number {
    if (!this.#rowOfId) {
      this.#rowOfId = new Map();
      for (let i = 0; i < this.count; i++) this.#rowOfId.set(this.id[i]!, i);
    }
    return this.#rowOfId.get(id) ?? -1;
  }

  /** The H3 cells of a resolution, or undefined when the index has none for it. */
  h3At(resolution: number): H3Cells | undefined {
    return this.h3.find((h) => h.resolution === resolution);
  }

  /** Row i as a plain object. */
  row(i: number): ExploreRow {
    const num = (v: number) => (Number.isNaN(v) ? null : v);
    const year = (v: number) => (v ? v : null);
    const month = (v: number) => (v ? monthText(v) : null);
    const funds: Partial<Record<FundField, number>> = {};
    for (const [field, values] of this.funds) if (!Number.isNaN(values[i]!)) funds[field] = values[i]!;
    const lc = this.lifeCircles;
    const met = (flags: Int8Array | undefined) => (!flags || flags[i] === -1 ? null : flags[i] === 1);
    const hasResult = lc !== null && lc.lc5[i] !== -1;
    return {
      index: i,
      id: this.id[i]!,
      name: this.name[i]!,
      city: this.textOf('city', i),
      district: this.textOf('district', i),
      street: this.textOf('street', i),
      community: this.textOf('community', i),
      programme: this.textOf('programme', i),
      stage: this.textOf('stage', i),
      location_precision: this.textOf('location_precision', i),
      batch_year: year(this.batchYear[i]!),
      year_built: year(this.yearBuilt[i]!),
      start_month: month(this.startMonth[i]!),
      completion_month: month(this.completionMonth[i]!),
      households: num(this.households[i]!),
      residents: num(this.residents[i]!),
      buildings: num(this.buildings[i]!),
      funds,
      fund_total: this.fundTotal[i]!,
      fund_fiscal: this.fundFiscal[i]!,
      items: this.itemsOf(i),
      items_basic: this.itemCategoryCounts.basic[i]!,
      items_improvement: this.itemCategoryCounts.improvement[i]!,
      items_enhancement: this.itemCategoryCounts.enhancement[i]!,
      items_count: this.itemsCount[i]!,
      is_synthetic: this.isSynthetic[i] === 1,
      lng: this.lng[i]!,
      lat: this.lat[i]!,
      lc5_met: met(lc?.lc5),
      lc10_met: met(lc?.lc10),
      lc15_met: met(lc?.lc15),
      coverage_score: hasResult ? lc.coverage[i]! : null,
      missing_types: hasResult ? keysOf(lc.missingTypes, i) : null,
    };
  }
}

function keysOf(column: BitSetColumn, i: number): string[] {
  const out: string[] = [];
  for (let w = 0; w < column.words.length; w++) {
    const word = column.words[w]![i]!;
    if (!word) continue;
    for (let b = 0; b < 32; b++) if (word & (1 << b)) out.push(column.keys[w * 32 + b]!);
  }
  return out;
}

/** Decodes a parsed explore.json. Throws ExploreIndexError when it is malformed. */
export function decodeExploreIndex(json: unknown): ExploreIndex {
  return new ExploreIndex(json as ExploreFile);
}

/**
 * Fetches and decodes the explore index at `url` (see `dataUrl` in src/lib/manifest.ts), checked
 * against the manifest's file list (a DataMismatchError when it is another build's).
 */
export async function loadExploreIndex(url: string): Promise<ExploreIndex> {
  const response = await fetchChecked(url);
  if (!response.ok) throw new ExploreIndexError(`${url}: HTTP ${response.status}`);
  return decodeExploreIndex(await response.json());
}

/** The index's file name in the data folder, for a manifest that does not name it. */
export const DEFAULT_EXPLORE_PATH = EXPLORE_FILE;
