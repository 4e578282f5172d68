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
import { BYTE_HISTOGRAM_SIZE, bitCountsOfHistogram } from './bit-histogram';
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

/** Funding by programme (or city) of the summarised rows: `fundingByGroup` without a limit. */
export interface FundingByGroup {
  dimension: 'programme' | 'city';
  /** Every group with a community, largest first (`topGroups` shortens it for a chart). */
  groups: FundingGroup[];
}

/** Everything the charts and counts show. */
export interface ExploreSummary {
  totals: Totals;
  byStage: StageCount[];
  byChannel: ChannelSum[];
  progress: Progress;
  itemsByCategory: CategoryItems[];
  /** By `fundingDimension(index)`. */
  fundingByGroup: FundingByGroup;
}

/** What funding is split by: programmes when the data has several, else cities. */
export function fundingDimension(index: ExploreIndex): 'programme' | 'city' {
  return index.text.programme.values.length > 1 ? 'programme' : 'city';
}

/** Stages at which a start date is a start that happened, not a plan. */
const STARTED: ReadonlySet<string> = new Set(['construction', ...DONE_STAGES]);

const finite = (v: number) => (Number.isNaN(v) ? 0 : v);

/** Totals of the rows a mask lets through. */
export function totals(index: ExploreIndex, mask: Uint8Array): Totals {
  const t: Totals = { count: 0, households: 0, residents: 0, fundTotal: 0, fundFiscal: 0 };
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    t.count++;
    t.households += finite(index.households[i]!);
    t.residents += finite(index.residents[i]!);
    t.fundTotal += index.fundTotal[i]!;
    t.fundFiscal += index.fundFiscal[i]!;
  }
  return t;
}

/** Communities and households per stage, in programme order, then those without a stage (if any). */
export function byStage(index: ExploreIndex, mask: Uint8Array): StageCount[] {
  const column = index.text.stage;
  const count = new Uint32Array(column.values.length);
  const households = new Float64Array(column.values.length);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const c = column.codes[i]!;
    count[c]!++;
    const h = index.households[i]!;
    households[c]! += h === h ? h : 0;
  }
  return stageCounts(column.values, column.codeOf, count, households);
}

/** `byStage`'s list from the counts and households per stage code. */
function stageCounts(
  values: readonly (string | null)[],
  codeOf: ReadonlyMap<string, number>,
  count: Uint32Array,
  households: Float64Array,
): StageCount[] {
  const out: StageCount[] = STAGES.map((stage) => {
    const c = codeOf.get(stage);
    return {
      stage,
      count: c === undefined ? 0 : count[c]!,
      households: c === undefined ? 0 : households[c]!,
    };
  });
  // Codes that are no known stage (a newer vocabulary) count as unknown rather than vanish.
  let unknown = 0;
  let unknownHouseholds = 0;
  values.forEach((v, c) => {
    if (v === null || !(STAGES as readonly string[]).includes(v)) {
      unknown += count[c]!;
      unknownHouseholds += households[c]!;
    }
  });
  if (unknown) out.push({ stage: null, count: unknown, households: unknownHouseholds });
  return out;
}

/** Yuan per funding channel, every channel of the vocabulary in order (0 when no row reports it). */
export function byChannel(index: ExploreIndex, mask: Uint8Array): ChannelSum[] {
  return FUNDING_CHANNELS.map((channel) => {
    const values = index.funds.get(channel.field);
    let yuan = 0;
    if (values)
      for (let i = 0; i < mask.length; i++) {
        if (!mask[i]) continue;
        const v = values[i]!;
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
  const codes = column.codes;
  const { channels, channelAt } = channelColumns(index);
  const width = FUNDING_CHANNELS.length;
  // One pass over the rows, sums in one flat array (group × channel), written to the groups
  // once: object writes per row cost more than the additions. Each sum is added in row order.
  const count = new Uint32Array(column.values.length);
  const sums = new Float64Array(column.values.length * width);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const base = codes[i]! * width;
    count[codes[i]!]!++;
    for (let j = 0; j < channels.length; j++) {
      const v = channels[j]![i]!;
      if (v === v) sums[base + channelAt[j]!]! += v;
    }
  }
  return topGroups(fundingGroups(column.values, count, sums), limit);
}

/**
 * The groups with at least one community, largest funding first, from the communities per code
 * and the yuan per code and channel (`sums[code * FUNDING_CHANNELS.length + channel]`).
 */
function fundingGroups(
  values: readonly (string | null)[],
  count: Uint32Array,
  sums: Float64Array,
): FundingGroup[] {
  const width = FUNDING_CHANNELS.length;
  const groups: FundingGroup[] = [];
  values.forEach((value, c) => {
    if (!count[c]) return;
    const channels = FUNDING_CHANNELS.map((_, k) => sums[c * width + k]!);
    // The total adds the channels in vocabulary order, as the chart stacks them.
    let total = 0;
    for (const v of channels) total += v;
    groups.push({ value, others: false, channels, total, count: count[c]! });
  });
  return groups.sort((a, b) => b.total - a.total || b.count - a.count);
}

/**
 * The first `limit` of groups sorted largest first, the rest past `limit - 1` gathered into one
 * `others` group, so a national dataset still draws a short chart.
 */
export function topGroups(present: readonly FundingGroup[], limit: number): FundingGroup[] {
  if (present.length <= limit) return [...present];
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

/** Per stage code: 1 where the stage is finished (`isDoneStage`), and where a start date is a start. */
function stageFlags(values: readonly (string | null)[]): { done: Uint8Array; started: Uint8Array } {
  return {
    done: Uint8Array.from(values, (v) => (isDoneStage(v) ? 1 : 0)),
    started: Uint8Array.from(values, (v) => (v !== null && STARTED.has(v) ? 1 : 0)),
  };
}

/**
 * Starts (communities under construction or finished with a start date) and completions
 * (finished communities with a completion date) per month, with running totals. Only months
 * with an event are listed.
 */
export function progress(index: ExploreIndex, mask: Uint8Array): Progress {
  const stage = index.text.stage;
  const { done, started } = stageFlags(stage.values);
  // Counters per month slot (year × 16 + month, as the binary index packs months): typed-array
  // increments per row rather than a Map lookup per row.
  const startedAt = new Uint32Array(MONTH_SLOTS);
  const completedAt = new Uint32Array(MONTH_SLOTS);
  let completedUndated = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const code = stage.codes[i]!;
    if (started[code] && index.startMonth[i]) startedAt[slotOf(index.startMonth[i]!)]!++;
    if (done[code]) {
      if (index.completionMonth[i]) completedAt[slotOf(index.completionMonth[i]!)]!++;
      else completedUndated++;
    }
  }
  return progressOf(startedAt, completedAt, completedUndated);
}

/** `progress` from the starts and completions per month slot. */
function progressOf(startedAt: Uint32Array, completedAt: Uint32Array, completedUndated: number): Progress {
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
export function itemsByCategory(index: ExploreIndex, mask: Uint8Array): CategoryItems[] {
  const keys = index.items.keys;
  const perItem = new Uint32Array(keys.length);
  const perCategory = new Uint32Array(ITEM_CATEGORIES.length);
  const words = index.items.words;
  ITEM_CATEGORIES.forEach((c, k) => {
    const counts = index.itemCategoryCounts[c];
    let having = 0;
    for (let i = 0; i < mask.length; i++) if (mask[i] && counts[i]) having++;
    perCategory[k] = having;
  });
  words.forEach((column, w) => {
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      // Each set bit once: lowest first, cleared as counted.
      for (let word = column[i]!; word; word &= word - 1) perItem[w * 32 + 31 - Math.clz32(word & -word)]!++;
    }
  });
  return categoryItems(keys, perItem, perCategory);
}

/** `itemsByCategory` from the communities per item bit and per category (ITEM_CATEGORIES order). */
function categoryItems(
  keys: readonly string[],
  perItem: Uint32Array,
  perCategory: Uint32Array,
): CategoryItems[] {
  return ITEM_CATEGORIES.map((category, k) => ({
    category,
    communities: perCategory[k]!,
    items: keys
      .map((key, b) => ({ key, communities: perItem[b]! }))
      .filter(({ key }) => ITEM_BY_KEY.get(key)?.category === category),
  }));
}

/** `reportedChannels` per index, by its first channel column (the index's columns outlive no index). */
const reportedByFirst = new WeakMap<Float64Array, { channels: readonly Float64Array[]; bits: Uint32Array }>();

/**
 * Per row, bit k set when the row reports `channels[k]` (its value is not NaN), made once per
 * index: summing only those skips the unpredictable test of every channel on every row.
 * Up to 32 channels.
 */
export function reportedChannels(channels: readonly Float64Array[]): Uint32Array {
  const first = channels[0];
  if (!first) return new Uint32Array(0);
  const cached = reportedByFirst.get(first);
  if (
    cached &&
    cached.channels.length === channels.length &&
    cached.channels.every((c, k) => c === channels[k])
  )
    return cached.bits;
  if (channels.length > 32) throw new RangeError(`reportedChannels: ${channels.length} channels, at most 32`);
  const bits = new Uint32Array(first.length);
  channels.forEach((values, k) => {
    for (let i = 0; i < values.length; i++) if (values[i] === values[i]) bits[i]! |= 1 << k;
  });
  reportedByFirst.set(first, { channels, bits });
  return bits;
}

/**
 * What `summarise` adds up over rows. Every counter is a sum over rows, so the counters of the
 * rows a mask lets through are those of every row less those of the rest.
 */
interface SummaryCounters {
  count: number;
  households: number;
  residents: number;
  fundTotal: number;
  fundFiscal: number;
  completedUndated: number;
  stageCount: Uint32Array;
  stageHouseholds: Float64Array;
  /** Per channel the index has a column for, in `FUNDING_CHANNELS` order. */
  channelSums: Float64Array;
  groupCount: Uint32Array;
  /** Per group code, a sum per `FUNDING_CHANNELS` entry. */
  groupSums: Float64Array;
  startedAt: Uint32Array;
  completedAt: Uint32Array;
  perCategory: Uint32Array;
  /** Byte histograms of the item words (bit-histogram.ts). */
  hist: Uint32Array;
}

/** The funding channels the index has a column for, and where each is in `FUNDING_CHANNELS`. */
function channelColumns(index: ExploreIndex): { channels: Float64Array[]; channelAt: number[] } {
  // Channels no row reports stay 0 without a column to read.
  const channels: Float64Array[] = [];
  const channelAt: number[] = [];
  FUNDING_CHANNELS.forEach((channel, k) => {
    const values = index.funds.get(channel.field);
    if (values) {
      channels.push(values);
      channelAt.push(k);
    }
  });
  return { channels, channelAt };
}

/**
 * The counters of the rows whose mask entry is set (`matching` true) or clear (false), in one
 * pass: each row's stage, figures, channels, months and items are read together rather than in
 * a loop per summary.
 */
function countRows(index: ExploreIndex, mask: Uint8Array, matching: boolean): SummaryCounters {
  const stage = index.text.stage;
  const codes = stage.codes;
  const { done, started } = stageFlags(stage.values);
  const stageCount = new Uint32Array(stage.values.length);
  const stageHouseholds = new Float64Array(stage.values.length);
  const { channels, channelAt } = channelColumns(index);
  const channelSums = new Float64Array(channels.length);
  const reports = reportedChannels(channels);
  // Funding per group as `fundingByGroup` adds it: per group code, channel sums in row order.
  const group = index.text[fundingDimension(index)];
  const groupCodes = group.codes;
  const width = FUNDING_CHANNELS.length;
  const groupCount = new Uint32Array(group.values.length);
  const groupSums = new Float64Array(group.values.length * width);
  const startedAt = new Uint32Array(MONTH_SLOTS);
  const completedAt = new Uint32Array(MONTH_SLOTS);
  const categoryCounts = ITEM_CATEGORIES.map((c) => index.itemCategoryCounts[c]);
  const perCategory = new Uint32Array(categoryCounts.length);
  const words = index.items.words;
  const hist = new Uint32Array(words.length * BYTE_HISTOGRAM_SIZE);
  const { households, residents, fundTotal, fundFiscal, startMonth, completionMonth } = index;
  // Locals, not an object's fields, so the sums stay in registers through the loop.
  let count = 0;
  let householdSum = 0;
  let residentSum = 0;
  let fundSum = 0;
  let fiscalSum = 0;
  let completedUndated = 0;
  for (let i = 0; i < mask.length; i++) {
    if ((mask[i] !== 0) !== matching) continue;
    // As `finite`, inline: a call per row is what costs before the engine optimises the loop.
    const hv = households[i]!;
    const h = hv === hv ? hv : 0;
    const rv = residents[i]!;
    count++;
    householdSum += h;
    residentSum += rv === rv ? rv : 0;
    fundSum += fundTotal[i]!;
    fiscalSum += fundFiscal[i]!;
    const code = codes[i]!;
    stageCount[code]!++;
    stageHouseholds[code]! += h;
    const groupCode = groupCodes[i]!;
    const groupBase = groupCode * width;
    groupCount[groupCode]!++;
    // Only the channels the row reports, lowest first: one loop exit to predict per row rather
    // than a coin toss per channel.
    for (let b = reports[i]!; b; b &= b - 1) {
      const k = 31 - Math.clz32(b & -b);
      const v = channels[k]![i]!;
      channelSums[k]! += v;
      groupSums[groupBase + channelAt[k]!]! += v;
    }
    if (started[code] && startMonth[i]) startedAt[slotOf(startMonth[i]!)]!++;
    if (done[code]) {
      if (completionMonth[i]) completedAt[slotOf(completionMonth[i]!)]!++;
      else completedUndated++;
    }
    for (let k = 0; k < categoryCounts.length; k++) if (categoryCounts[k]![i]) perCategory[k]!++;
    for (let w = 0; w < words.length; w++) {
      // As addToByteHistogram, inline.
      const word = words[w]![i]!;
      const base = w * BYTE_HISTOGRAM_SIZE;
      hist[base + (word & 255)]!++;
      hist[base + 256 + ((word >>> 8) & 255)]!++;
      hist[base + 512 + ((word >>> 16) & 255)]!++;
      hist[base + 768 + (word >>> 24)]!++;
    }
  }
  return {
    count,
    households: householdSum,
    residents: residentSum,
    fundTotal: fundSum,
    fundFiscal: fiscalSum,
    completedUndated,
    stageCount,
    stageHouseholds,
    channelSums,
    groupCount,
    groupSums,
    startedAt,
    completedAt,
    perCategory,
    hist,
  };
}

/** `all` less `rest`, counter by counter (into `rest`, which is returned). */
function subtractCounters(all: SummaryCounters, rest: SummaryCounters): SummaryCounters {
  const arrays = [
    'stageCount',
    'stageHouseholds',
    'channelSums',
    'groupCount',
    'groupSums',
    'startedAt',
    'completedAt',
    'perCategory',
    'hist',
  ] as const;
  for (const key of arrays) {
    const a = all[key];
    const r = rest[key];
    for (let i = 0; i < r.length; i++) r[i] = a[i]! - r[i]!;
  }
  rest.count = all.count - rest.count;
  rest.households = all.households - rest.households;
  rest.residents = all.residents - rest.residents;
  rest.fundTotal = all.fundTotal - rest.fundTotal;
  rest.fundFiscal = all.fundFiscal - rest.fundFiscal;
  rest.completedUndated = all.completedUndated - rest.completedUndated;
  return rest;
}

/** Largest sum that floating-point addition still holds exactly in any order. */
const EXACT_LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * Whether every figure `countRows` adds is a whole number and every sum stays within
 * `EXACT_LIMIT`: then each sum is the same in any order, so every row's counters less the rest's
 * are exactly the matching rows' own. Yuan from 万元 with up to four decimals, households and
 * residents are whole.
 */
function exactSums(index: ExploreIndex): boolean {
  const columns = [
    index.households,
    index.residents,
    index.fundTotal,
    index.fundFiscal,
    ...channelColumns(index).channels,
  ];
  for (const column of columns) {
    let sum = 0;
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      if (v !== v) continue; // not reported: never added
      if (!Number.isInteger(v)) return false;
      sum += Math.abs(v);
    }
    if (sum > EXACT_LIMIT) return false;
  }
  return true;
}

/** Per index: the counters of every row, when its sums are exact (else null). */
const everyRow = new WeakMap<ExploreIndex, SummaryCounters | null>();

function everyRowCounters(index: ExploreIndex): SummaryCounters | null {
  let counters = everyRow.get(index);
  if (counters === undefined) {
    counters = exactSums(index) ? countRows(index, new Uint8Array(index.count).fill(1), true) : null;
    everyRow.set(index, counters);
  }
  return counters;
}

/**
 * Every summary at once. The result equals calling `totals`, `byStage`, `byChannel`, `progress`,
 * `itemsByCategory` and `fundingByGroup` without a limit (summaries.test.ts checks it): when the
 * mask lets most rows through and the index's figures are whole numbers (`exactSums`), it counts
 * the rows left out and takes them from every row's counters (kept per index), so unticking one
 * of many options reads the few rows it removes; otherwise it adds the matching rows in row order
 * as those functions do, so even the floating-point totals are the same.
 */
export function summarise(index: ExploreIndex, mask: Uint8Array): ExploreSummary {
  let counters: SummaryCounters;
  const all = countMask(mask) * 2 > mask.length ? everyRowCounters(index) : null;
  if (all) counters = subtractCounters(all, countRows(index, mask, false));
  else counters = countRows(index, mask, true);
  return finishSummary(index, counters);
}

/** The summary of the rows counted. */
function finishSummary(index: ExploreIndex, c: SummaryCounters): ExploreSummary {
  const stage = index.text.stage;
  const group = index.text[fundingDimension(index)];
  const words = index.items.words;
  const perItem = new Uint32Array(Math.max(index.items.keys.length, words.length * 32));
  for (let w = 0; w < words.length; w++)
    bitCountsOfHistogram(c.hist, w * BYTE_HISTOGRAM_SIZE, perItem, w * 32);
  const yuan = new Float64Array(FUNDING_CHANNELS.length);
  channelColumns(index).channelAt.forEach((k, j) => (yuan[k] = c.channelSums[j]!));
  return {
    totals: {
      count: c.count,
      households: c.households,
      residents: c.residents,
      fundTotal: c.fundTotal,
      fundFiscal: c.fundFiscal,
    },
    byStage: stageCounts(stage.values, stage.codeOf, c.stageCount, c.stageHouseholds),
    byChannel: FUNDING_CHANNELS.map((channel, k) => ({ field: channel.field, yuan: yuan[k]! })),
    progress: progressOf(c.startedAt, c.completedAt, c.completedUndated),
    itemsByCategory: categoryItems(index.items.keys, perItem, c.perCategory),
    fundingByGroup: {
      dimension: fundingDimension(index),
      groups: fundingGroups(group.values, c.groupCount, c.groupSums),
    },
  };
}
