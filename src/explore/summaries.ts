/**
 * What the charts and counts show for the communities a mask lets through: totals, communities
 * by stage, funding by channel (overall and per programme or city), progress over time and
 * renovation items by category. Pure functions of an `ExploreIndex` and a mask.
 */
import { isDoneStage } from '../domain/metrics';
import {
  DONE_STAGES,
  FUNDING_CHANNELS,
  ITEM_BY_KEY,
  ITEM_CATEGORIES,
  STAGES,
  type FundField,
  type ItemCategory,
  type Stage,
} from '../domain/vocabulary';
import type { ExploreIndex } from './explore-index';
import { countMask } from './filters';

/** Sums over the matching communities. Missing values add nothing. */
export interface Totals {
  count: number;
  households: number;
  residents: number;
  /** Yuan, all channels. */
  fundTotal: number;
  /** Yuan, government channels. */
  fundFiscal: number;
}

/** Communities at one stage; `stage: null` gathers rows without a stage. */
export interface StageCount {
  stage: Stage | null;
  count: number;
  households: number;
}

/** Yuan of one funding channel. */
export interface ChannelSum {
  field: FundField;
  yuan: number;
}

/** Funding of one programme (or city), split by channel. */
export interface FundingGroup {
  /** The programme id or city name; null for rows without one. */
  value: string | null;
  /** True for the group that gathers everything past the `limit` largest. */
  others: boolean;
  /** Yuan per channel, in `FUNDING_CHANNELS` order. */
  channels: number[];
  total: number;
  /** Communities in the group. */
  count: number;
}

/** Starts and completions in one month. */
export interface MonthProgress {
  /** `YYYYMM`. Dates known only to the year are counted in December, the latest they can be. */
  month: number;
  started: number;
  completed: number;
  /** Running totals up to and including this month. */
  cumulativeStarted: number;
  cumulativeCompleted: number;
}

/** Progress over time. */
export interface Progress {
  months: MonthProgress[];
  /** Finished communities (a stage in DONE_STAGES) without a completion date: not in `months`. */
  completedUndated: number;
}

/** Communities with items of one category, and per item. */
export interface CategoryItems {
  category: ItemCategory;
  /** Communities with at least one item of the category. */
  communities: number;
  /** Per item of the category, in vocabulary order. */
  items: { key: string; communities: number }[];
}

/** Everything the charts and counts show. */
export interface ExploreSummary {
  totals: Totals;
  byStage: StageCount[];
  byChannel: ChannelSum[];
  progress: Progress;
  itemsByCategory: CategoryItems[];
}

/** Stages at which a start date is a start that happened, not a plan. */
const STARTED: ReadonlySet<string> = new Set(['construction', ...DONE_STAGES]);

const finite = (v: number) => (Number.isNaN(v) ? 0 : v);

/**
 * The rows a mask lets through, in order: each summary loops over these rather than testing all
 * 220,000 rows, a few times faster under a narrow filter (listing them is one cheap pass).
 * Every summary takes them as an optional last argument, so `summarise` lists them once.
 */
function rowsOf(mask: Uint8Array): Uint32Array {
  const rows = new Uint32Array(countMask(mask));
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i]) rows[k++] = i;
  return rows;
}

/** Totals of the rows a mask lets through. */
export function totals(index: ExploreIndex, mask: Uint8Array, rows = rowsOf(mask)): Totals {
  const t: Totals = { count: 0, households: 0, residents: 0, fundTotal: 0, fundFiscal: 0 };
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    t.count++;
    t.households += finite(index.households[i]!);
    t.residents += finite(index.residents[i]!);
    t.fundTotal += index.fundTotal[i]!;
    t.fundFiscal += index.fundFiscal[i]!;
  }
  return t;
}

/** Communities and households per stage, in programme order, then those without a stage (if any). */
export function byStage(index: ExploreIndex, mask: Uint8Array, rows = rowsOf(mask)): StageCount[] {
  const column = index.text.stage;
  const count = new Float64Array(column.values.length);
  const households = new Float64Array(column.values.length);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const c = column.codes[i]!;
    count[c]!++;
    households[c]! += finite(index.households[i]!);
  }
  const out: StageCount[] = STAGES.map((stage) => {
    const c = column.codeOf.get(stage);
    return {
      stage,
      count: c === undefined ? 0 : count[c]!,
      households: c === undefined ? 0 : households[c]!,
    };
  });
  // Codes that are no known stage (a newer vocabulary) count as unknown rather than vanish.
  let unknown = 0;
  let unknownHouseholds = 0;
  column.values.forEach((v, c) => {
    if (v === null || !(STAGES as readonly string[]).includes(v)) {
      unknown += count[c]!;
      unknownHouseholds += households[c]!;
    }
  });
  if (unknown) out.push({ stage: null, count: unknown, households: unknownHouseholds });
  return out;
}

/** Yuan per funding channel, every channel of the vocabulary in order (0 when no row reports it). */
export function byChannel(index: ExploreIndex, mask: Uint8Array, rows = rowsOf(mask)): ChannelSum[] {
  return FUNDING_CHANNELS.map((channel) => {
    const values = index.funds.get(channel.field);
    let yuan = 0;
    if (values)
      for (let k = 0; k < rows.length; k++) {
        const v = values[rows[k]!]!;
        // `v === v`: not NaN (the row reports the channel), without a call per row.
        if (v === v) yuan += v;
      }
    return { field: channel.field, yuan };
  });
}

/**
 * Funding per programme (or city), split by channel, largest first. Past `limit` groups the
 * rest are gathered into one `others` group, so a national dataset still draws a short chart.
 */
export function fundingByGroup(
  index: ExploreIndex,
  mask: Uint8Array,
  dimension: 'programme' | 'city',
  limit = 8,
): FundingGroup[] {
  const column = index.text[dimension];
  const groups = column.values.map((value) => ({
    value,
    others: false,
    channels: FUNDING_CHANNELS.map(() => 0),
    total: 0,
    count: 0,
  }));
  const rows = rowsOf(mask);
  const codes = column.codes;
  for (let k = 0; k < rows.length; k++) groups[codes[rows[k]!]!]!.count++;
  // Sums in one flat array per channel, written back to the groups once: object writes per row
  // cost more than the additions.
  const sums = new Float64Array(groups.length);
  FUNDING_CHANNELS.forEach((channel, k) => {
    const values = index.funds.get(channel.field);
    if (!values) return;
    sums.fill(0);
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      const v = values[i]!;
      if (v === v) sums[codes[i]!]! += v;
    }
    groups.forEach((g, c) => {
      g.channels[k]! += sums[c]!;
      g.total += sums[c]!;
    });
  });
  const present = groups.filter((g) => g.count > 0).sort((a, b) => b.total - a.total || b.count - a.count);
  if (present.length <= limit) return present;
  const kept = present.slice(0, limit - 1);
  const rest = present.slice(limit - 1);
  const others: FundingGroup = {
    value: null,
    others: true,
    channels: FUNDING_CHANNELS.map((_, k) => rest.reduce((s, g) => s + g.channels[k]!, 0)),
    total: rest.reduce((s, g) => s + g.total, 0),
    count: rest.reduce((s, g) => s + g.count, 0),
  };
  return [...kept, others];
}

/** Month slots: year × 16 + month for every year a u16 month column holds (src/contracts/explore-binary.ts). */
const MONTH_SLOTS = 4096 * 16;

/** Slot of the month a `YYYYMM` date counts in: year-only dates at December. */
const slotOf = (code: number) => ((code / 100) & 4095) * 16 + (code % 100 || 12);

/**
 * Starts (communities under construction or finished with a start date) and completions
 * (finished communities with a completion date) per month, with running totals. Only months
 * with an event are listed.
 */
export function progress(index: ExploreIndex, mask: Uint8Array, rows = rowsOf(mask)): Progress {
  const stage = index.text.stage;
  const done = Uint8Array.from(stage.values, (v) => (isDoneStage(v) ? 1 : 0));
  const started = Uint8Array.from(stage.values, (v) => (v !== null && STARTED.has(v) ? 1 : 0));
  // Counters per month slot (year × 16 + month, as the binary index packs months): typed-array
  // increments per row rather than a Map lookup per row.
  const startedAt = new Uint32Array(MONTH_SLOTS);
  const completedAt = new Uint32Array(MONTH_SLOTS);
  let completedUndated = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const code = stage.codes[i]!;
    if (started[code] && index.startMonth[i]) startedAt[slotOf(index.startMonth[i]!)]!++;
    if (done[code]) {
      if (index.completionMonth[i]) completedAt[slotOf(index.completionMonth[i]!)]!++;
      else completedUndated++;
    }
  }
  let cumulativeStarted = 0;
  let cumulativeCompleted = 0;
  const months: MonthProgress[] = [];
  for (let slot = 0; slot < MONTH_SLOTS; slot++) {
    const s = startedAt[slot]!;
    const c = completedAt[slot]!;
    if (!s && !c) continue;
    cumulativeStarted += s;
    cumulativeCompleted += c;
    months.push({
      month: (slot >> 4) * 100 + (slot & 15),
      started: s,
      completed: c,
      cumulativeStarted,
      cumulativeCompleted,
    });
  }
  return { months, completedUndated };
}

/** Communities per item and per item category (a community counts once per category). */
export function itemsByCategory(index: ExploreIndex, mask: Uint8Array, rows = rowsOf(mask)): CategoryItems[] {
  const keys = index.items.keys;
  const perItem = new Float64Array(keys.length);
  const perCategory = Object.fromEntries(ITEM_CATEGORIES.map((c) => [c, 0])) as Record<ItemCategory, number>;
  const words = index.items.words;
  for (const c of ITEM_CATEGORIES) {
    const counts = index.itemCategoryCounts[c];
    let having = 0;
    for (let k = 0; k < rows.length; k++) if (counts[rows[k]!]) having++;
    perCategory[c] = having;
  }
  words.forEach((column, w) => {
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      // Each set bit once: lowest first, cleared as counted.
      for (let word = column[i]!; word; word &= word - 1) perItem[w * 32 + 31 - Math.clz32(word & -word)]!++;
    }
  });
  return ITEM_CATEGORIES.map((category) => ({
    category,
    communities: perCategory[category],
    items: keys
      .map((key, b) => ({ key, communities: perItem[b]! }))
      .filter(({ key }) => ITEM_BY_KEY.get(key)?.category === category),
  }));
}

/** Every summary at once. */
export function summarise(index: ExploreIndex, mask: Uint8Array): ExploreSummary {
  // The matching rows listed once for all five, not once each.
  const rows = rowsOf(mask);
  return {
    totals: totals(index, mask, rows),
    byStage: byStage(index, mask, rows),
    byChannel: byChannel(index, mask, rows),
    progress: progress(index, mask, rows),
    itemsByCategory: itemsByCategory(index, mask, rows),
  };
}
