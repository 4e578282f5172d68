/**
 * The explore index in the browser: its binary parts (src/contracts/explore-binary.ts) decoded
 * into typed arrays, one per column, so filtering and summing 220,000 communities is a tight loop
 * over numbers. Row `i` is feature `i` of communities.geojson. The core part (filters, counts,
 * charts) comes first; the figures part (funding channels, households, residents, buildings)
 * right after it: until then `hasFigures` is false and those columns read as not given (NaN,
 * no channel), which the components showing them must present as loading. The details part (ids, names, 社区, positions, H3 cells) joins it when
 * search, the table, a panel, the area tool or the re-aggregated map first asks
 * (`ExploreState.needDetails`): until then `hasDetails` is false and reading those throws.
 *
 * Missing values: 0 in year and month arrays (no year 0 exists), NaN in measures, code 0 in
 * dictionary columns, -1 in life-circle flags.
 */
import type { FundField, ItemCategory } from '../domain/vocabulary';
import { monthText, TEXT_FIELDS } from '../contracts/explore-format';
import type { CoreColumns, DetailsColumns } from '../contracts/explore-binary-read';
import type { DerivedColumns } from './explore-columns';
import { DERIVE_RULES } from './derive-rules';
import { categoryMasks } from './item-category-masks';
import type { DecodedFigures } from './explore-decode-messages';
import type { ExploreTotals } from '../contracts/explore-totals';

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

/** The explore index is missing, malformed, or read before the part that holds a column. */
export class ExploreIndexError extends Error {
  override name = 'ExploreIndexError';
}

const EMPTY_CODES = new Uint16Array(0);

function notLoaded(what: string): never {
  throw new ExploreIndexError(
    `explore index: ${what} is in the details part, not loaded yet (ExploreState.needDetails)`,
  );
}

/** Every accepted community, decoded. Construct with `decodeExploreIndex` or from decoded parts. */
export class ExploreIndex {
  /** Number of communities (rows). */
  readonly count: number;
  /** Dictionary-encoded text fields; `community` has only code 0 until the details are in. */
  readonly text: Readonly<Record<TextField, TextColumn>>;
  /** Year of the renovation batch; 0 when not given. */
  readonly batchYear: Uint32Array;
  /** Year built; 0 when not given. */
  readonly yearBuilt: Uint32Array;
  /** Start and completion as `YYYYMM` (`MM = 00`: year only); 0 when not given. */
  readonly startMonth: Uint32Array;
  readonly completionMonth: Uint32Array;
  /** NaN when not given, and for every row until the figures part is in (`hasFigures`). */
  readonly households: Float64Array;
  readonly residents: Float64Array;
  readonly buildings: Float64Array;
  /**
   * Yuan per funding channel, NaN where the row does not report the channel. Only channels some
   * row reports; none until the figures part is in.
   */
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
  /** Life-circle results; null when the build had no amenities. */
  readonly lifeCircles: LifeCircleArrays | null;
  /** Whether the details part (ids, names, 社区, positions, H3 cells) is in. */
  readonly hasDetails: boolean;
  /** Whether the figures part (funding channels, households, residents, buildings) is in. */
  readonly hasFigures: boolean;
  /** Funding and people totals of every row, from the core's header: known before the figures part. */
  readonly totals: ExploreTotals;

  readonly #core: CoreColumns;
  readonly #derived: DerivedColumns;
  readonly #details: DetailsColumns | null;
  readonly #figures: DecodedFigures | null;
  readonly #h3: readonly H3Cells[];
  #rowOfId: Map<string, number> | null = null;

  /** The index of decoded parts; `details` and `figures` null until those parts are loaded. */
  constructor(
    core: CoreColumns,
    derived: DerivedColumns,
    details: DetailsColumns | null = null,
    figures: DecodedFigures | null = null,
  ) {
    for (const [part, other] of [
      ['details', details],
      ['figures', figures?.figures],
    ] as const)
      if (other && other.count !== core.count)
        throw new ExploreIndexError(
          `explore index: the ${part} part has ${other.count} rows, the core part ${core.count}`,
        );
    const n = core.count;
    this.#core = core;
    this.#derived = derived;
    this.#details = details;
    this.#figures = figures;
    this.hasDetails = details !== null;
    this.hasFigures = figures !== null;
    this.totals = core.totals;
    this.count = n;
    const column = (values: readonly (string | null)[], codes: Uint16Array | Uint32Array): TextColumn => {
      const codeOf = new Map<string, number>();
      values.forEach((v, k) => {
        if (k > 0 && typeof v === 'string') codeOf.set(v, k);
      });
      return { values, codes, codeOf };
    };
    const text = {} as Record<TextField, TextColumn>;
    for (const field of TEXT_FIELDS) {
      const decoded = field === 'community' ? details?.community : core.text[field];
      if (field !== 'community' && !decoded)
        throw new ExploreIndexError(`explore index: column ${field} is missing`);
      text[field] = decoded
        ? column(decoded.values, decoded.codes)
        : column([null], n ? new Uint16Array(n) : EMPTY_CODES);
    }
    this.text = text;
    this.batchYear = core.batchYear;
    this.yearBuilt = core.yearBuilt;
    this.startMonth = core.startMonth;
    this.completionMonth = core.completionMonth;
    // Before the figures part: one shared "not given" column and zero sums, so every computation
    // runs unchanged; `hasFigures` tells the interface not to show what they add up to.
    const none = figures ? null : new Float64Array(n).fill(NaN);
    const zeros = figures ? null : new Float64Array(n);
    this.households = figures?.figures.households ?? none!;
    this.residents = figures?.figures.residents ?? none!;
    this.buildings = figures?.figures.buildings ?? none!;
    this.funds = new Map((figures?.figures.funds ?? []).map((f) => [f.field as FundField, f.values]));
    this.fundTotal = figures?.derived.fundTotal ?? zeros!;
    this.fundFiscal = figures?.derived.fundFiscal ?? zeros!;
    this.reportsFunds = figures?.derived.reportsFunds ?? new Uint8Array(n);
    this.items = { ...core.items, bitOf: new Map(core.items.keys.map((key, b) => [key, b])) };
    this.itemCategoryMasks = categoryMasks(core.items.keys, DERIVE_RULES);
    this.itemCategoryCounts = derived.itemCategoryCounts;
    this.itemsCount = derived.itemsCount;
    this.isSynthetic = core.isSynthetic;
    const lc = core.lifeCircles;
    const flags = derived.lifeCircleFlags;
    this.lifeCircles =
      lc && flags
        ? {
            ...flags,
            coverage: lc.coverage,
            missingTypes: {
              ...lc.missingTypes,
              bitOf: new Map(lc.missingTypes.keys.map((key, b) => [key, b])),
            },
          }
        : null;
    this.#h3 = details ? details.h3 : [];
  }

  /** The same index with its details part. */
  withDetails(details: DetailsColumns): ExploreIndex {
    return new ExploreIndex(this.#core, this.#derived, details, this.#figures);
  }

  /** The same index with its figures part. */
  withFigures(figures: DecodedFigures): ExploreIndex {
    return new ExploreIndex(this.#core, this.#derived, this.#details, figures);
  }

  /** Community ids, unique (details part). */
  get id(): readonly string[] {
    return this.#details?.id ?? notLoaded('id');
  }

  /** Community names (details part). */
  get name(): readonly string[] {
    return this.#details?.name ?? notLoaded('name');
  }

  /** WGS84, to 1e-5 degrees (details part). */
  get lng(): Float64Array {
    return this.#details?.lng ?? notLoaded('lng');
  }

  /** WGS84, to 1e-5 degrees (details part). */
  get lat(): Float64Array {
    return this.#details?.lat ?? notLoaded('lat');
  }

  /** H3 cells of each row, one entry per aggregate resolution, coarse to fine; none until the details are in. */
  get h3(): readonly H3Cells[] {
    return this.#h3;
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

  /** Row index of a community id, or -1 (always, until the details are in). */
  rowOf(id: string): number {
    if (!this.#details) return -1;
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
