/**
 * The metrics of the atlas, each rule written once and used by the build and the site alike:
 * - the fiscal / non-fiscal split of funding (`isFiscalChannel`, `deriveFunding`);
 * - which stages count as done (`isDoneStage`);
 * - the summary of the communities in an area (an H3 cell, a filtered cell): `addToAreaSums`,
 *   `summariseArea`;
 * - how many items of each 国办发〔2020〕23号 category a renovation covers.
 * Pure.
 */
import { DONE_STAGES, FUNDING_CHANNELS, ITEM_BY_KEY, type FundField } from './vocabulary';

const DONE: ReadonlySet<string> = new Set(DONE_STAGES);

/**
 * Whether a stage counts as done (the physical works finished: `DONE_STAGES`). A community
 * without a stage counts as not done.
 */
export function isDoneStage(stage: string | null | undefined): boolean {
  return stage !== null && stage !== undefined && DONE.has(stage);
}

/** Derived funding figures, all in yuan except the ratios. */
export interface FundingSummary {
  fund_total: number;
  /** Government money: central, provincial, local, special bonds. */
  fund_fiscal: number;
  /** Everything else: utilities, owner units, social capital, residents, donations … */
  fund_nonfiscal: number;
  /** Non-fiscal yuan raised per fiscal yuan; null when there is no fiscal money to lever. */
  leverage: number | null;
  /** Total per household; null when the household count is unknown or zero. */
  fund_per_household: number | null;
}

const FISCAL: ReadonlyMap<string, boolean> = new Map(FUNDING_CHANNELS.map((c) => [c.field, c.fiscal]));

/**
 * Whether a funding field is government money (central, provincial, local, special bonds) and
 * so counts in `fund_fiscal`; false for the other channels, which count in `fund_nonfiscal`;
 * undefined for a key that is no funding channel, which counts in neither.
 */
export function isFiscalChannel(field: string): boolean | undefined {
  return FISCAL.get(field);
}

/** The channels `fund_fiscal` sums, in channel order. */
export const FISCAL_FUND_FIELDS: readonly FundField[] = FUNDING_CHANNELS.filter((c) =>
  isFiscalChannel(c.field),
).map((c) => c.field);

/** The channels `fund_nonfiscal` sums, in channel order. */
export const NONFISCAL_FUND_FIELDS: readonly FundField[] = FUNDING_CHANNELS.filter(
  (c) => isFiscalChannel(c.field) === false,
).map((c) => c.field);

/**
 * Leverage: non-fiscal yuan drawn in per fiscal yuan; null without fiscal money to divide by.
 * One definition for a community, an H3 cell and an area.
 */
export function leverageOf(fiscal: number, nonfiscal: number): number | null {
  return fiscal > 0 ? nonfiscal / fiscal : null;
}

/**
 * Sums a record's `funds` by the fiscal flag of FUNDING_CHANNELS. Keys that are not funding
 * channels are ignored rather than guessed into either side.
 */
export function deriveFunding(funds: Partial<Record<string, number>>, households?: number): FundingSummary {
  let fiscal = 0;
  let nonfiscal = 0;
  for (const field in funds) {
    const amount = funds[field];
    const isFiscal = isFiscalChannel(field);
    if (amount === undefined || !Number.isFinite(amount) || isFiscal === undefined) continue;
    if (isFiscal) fiscal += amount;
    else nonfiscal += amount;
  }
  const total = fiscal + nonfiscal;
  return {
    fund_total: total,
    fund_fiscal: fiscal,
    fund_nonfiscal: nonfiscal,
    leverage: leverageOf(fiscal, nonfiscal),
    fund_per_household: households !== undefined && households > 0 ? total / households : null,
  };
}

/** How many distinct vocabulary items of each category a renovation covers. */
export interface ItemCategoryCounts {
  items_basic: number;
  items_improvement: number;
  items_enhancement: number;
  /** Distinct vocabulary items; unknown keys are not counted. */
  items_count: number;
}

/** Counts distinct item keys by category; keys outside the vocabulary are ignored. */
export function itemCategoryCounts(items: readonly string[]): ItemCategoryCounts {
  const counts: ItemCategoryCounts = {
    items_basic: 0,
    items_improvement: 0,
    items_enhancement: 0,
    items_count: 0,
  };
  const seen = new Set<string>();
  for (const key of items) {
    const item = ITEM_BY_KEY.get(key);
    if (!item || seen.has(key)) continue;
    seen.add(key);
    counts[`items_${item.category}`] += 1;
    counts.items_count += 1;
  }
  return counts;
}

/** Positive finite yuan or count, else 0: ledgers leave gaps, and a gap adds nothing to a sum. */
export function countable(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

// Layout of one area's running sums in a flat Float64Array (`AREA_SUMS_STRIDE` numbers from a
// base offset). Flat rather than an object per area: at national scale (about 160,000 H3 cells)
// small objects kept the garbage collector busier than the sums.
/** Where each running sum stands from an area's base offset. */
const SUM = {
  count: 0,
  households: 1,
  residents: 2,
  completed: 3,
  /** Fund total of communities that report both households and funds. */
  fundsWithHouseholds: 4,
  /** Households of those same communities. */
  householdsWithFunds: 5,
  /** Yuan per channel, in `FUNDING_CHANNELS` order, from here on. */
  funds: 6,
} as const;
const CHANNEL_COUNT = FUNDING_CHANNELS.length;
const CHANNEL_FIELDS: readonly FundField[] = FUNDING_CHANNELS.map((c) => c.field);
const CHANNEL_FISCAL: readonly boolean[] = CHANNEL_FIELDS.map((f) => isFiscalChannel(f) === true);

/** How many numbers one area's running sums take (see `addToAreaSums`). */
export const AREA_SUMS_STRIDE = SUM.funds + CHANNEL_COUNT;

/** What an area summary reads from one community. */
export interface AreaCommunity {
  households: number | null | undefined;
  residents: number | null | undefined;
  stage: string | null | undefined;
  /**
   * Yuan per channel in `FUNDING_CHANNELS` order; undefined or NaN where the community does not
   * report the channel (unknown, not zero).
   */
  channelYuan: ArrayLike<number | undefined>;
}

/**
 * Adds one community to the running sums at `sums[base …]`: a missing or negative household,
 * resident or yuan figure adds nothing; a community reports funds when any channel holds a
 * finite number, and only those that report both funds and households count towards the
 * per-household figure (others would bias it downwards).
 */
export function addToAreaSums(sums: Float64Array, base: number, community: AreaCommunity): void {
  const households = countable(community.households);
  sums[base + SUM.count]! += 1;
  sums[base + SUM.households]! += households;
  sums[base + SUM.residents]! += countable(community.residents);
  if (isDoneStage(community.stage)) sums[base + SUM.completed]! += 1;
  let fundTotal = 0;
  let reportsFunds = false;
  const yuanOf = community.channelYuan;
  for (let k = 0; k < CHANNEL_COUNT; k++) {
    const value = yuanOf[k];
    if (value === undefined || !Number.isFinite(value)) continue;
    reportsFunds = true;
    const yuan = countable(value);
    sums[base + SUM.funds + k]! += yuan;
    fundTotal += yuan;
  }
  if (reportsFunds && households > 0) {
    sums[base + SUM.fundsWithHouseholds]! += fundTotal;
    sums[base + SUM.householdsWithFunds]! += households;
  }
}

/** Adds the running sums at `from[fromBase …]` to those at `to[toBase …]`. */
export function mergeAreaSums(to: Float64Array, toBase: number, from: Float64Array, fromBase: number): void {
  for (let k = 0; k < AREA_SUMS_STRIDE; k++) to[toBase + k]! += from[fromBase + k]!;
}

/** The communities of one area (an H3 cell), summed: what the aggregates and re-aggregation write. */
export interface AreaSummaryBase {
  count: number;
  households: number;
  residents: number;
  /** Communities at a done stage (`isDoneStage`). */
  completed: number;
  /** completed ÷ count, 0..1 to 4 decimals; communities without a stage count as not done. */
  completion_rate: number;
  /** Yuan, all channels. */
  fund_total: number;
  /** Yuan, government channels (`isFiscalChannel`). */
  fund_fiscal: number;
  fund_nonfiscal: number;
  /** Area in km², 4 decimals. */
  area_km2: number;
  /** Yuan per km² of area. */
  fund_per_km2: number;
  /**
   * Yuan per household, over the communities that report both households and at least one
   * funding channel; null when there are none.
   */
  fund_per_household: number | null;
}

/** An area summary with one `fund_<channel>` column (yuan) for every funding channel. */
export type AreaSummary = AreaSummaryBase & Readonly<Record<FundField, number>>;

const round4 = (v: number) => Math.round(v * 10000) / 10000;

/** An area in km² as summaries state it (`area_km2`): to four decimals. */
export const roundAreaKm2 = round4;

/**
 * The summary of the running sums at `sums[base …]` over an area of `areaKm2`. Money is rounded
 * to whole yuan only after summing, so rounding errors cannot pile up over an area's
 * communities; `fund_total` is rounded from the exact sum, so it may differ by a few yuan from
 * the sum of the rounded channels. Keys come in the order the aggregate files are written in.
 */
export function summariseArea(sums: Float64Array, base: number, areaKm2: number): AreaSummary {
  const at = (k: number): number => sums[base + k]!;
  let fiscal = 0;
  let total = 0;
  for (let k = 0; k < CHANNEL_COUNT; k++) {
    const value = at(SUM.funds + k);
    total += value;
    if (CHANNEL_FISCAL[k]) fiscal += value;
  }
  const count = at(SUM.count);
  const summary: Record<string, number | null> = {
    count,
    households: Math.round(at(SUM.households)),
    residents: Math.round(at(SUM.residents)),
    completed: at(SUM.completed),
    completion_rate: round4(at(SUM.completed) / count),
    fund_total: Math.round(total),
    fund_fiscal: Math.round(fiscal),
    fund_nonfiscal: Math.round(total - fiscal),
  };
  for (let k = 0; k < CHANNEL_COUNT; k++) summary[CHANNEL_FIELDS[k]!] = Math.round(at(SUM.funds + k));
  summary.area_km2 = roundAreaKm2(areaKm2);
  summary.fund_per_km2 = Math.round(total / areaKm2);
  const households = at(SUM.householdsWithFunds);
  summary.fund_per_household = households > 0 ? Math.round(at(SUM.fundsWithHouseholds) / households) : null;
  return summary as unknown as AreaSummary;
}
