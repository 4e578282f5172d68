/**
 * Figures derived from one community's record: funding totals and leverage, and how many items
 * of each 国办发〔2020〕23号 category its renovation covers. Pure, shared by the build and the site.
 */
import { FUNDING_CHANNELS, ITEM_BY_KEY } from './vocabulary';

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
 * Sums a record's `funds` by the fiscal flag of FUNDING_CHANNELS. Keys that are not funding
 * channels are ignored rather than guessed into either side.
 */
export function deriveFunding(funds: Partial<Record<string, number>>, households?: number): FundingSummary {
  let fiscal = 0;
  let nonfiscal = 0;
  for (const field in funds) {
    const amount = funds[field];
    const isFiscal = FISCAL.get(field);
    if (amount === undefined || !Number.isFinite(amount) || isFiscal === undefined) continue;
    if (isFiscal) fiscal += amount;
    else nonfiscal += amount;
  }
  const total = fiscal + nonfiscal;
  return {
    fund_total: total,
    fund_fiscal: fiscal,
    fund_nonfiscal: nonfiscal,
    leverage: fiscal > 0 ? nonfiscal / fiscal : null,
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
