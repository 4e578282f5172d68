/**
 * Hexagon summaries of communities on the H3 grid, computed at build time so the site draws
 * ready-made cells (deck.gl's H3HexagonLayer takes the index as is) and never sums raw rows in
 * the browser: 220,000 communities would be tens of MB to download and seconds of work on a phone.
 *
 * Every cell carries counts, people, completion and money per funding channel, plus densities.
 * Money is in yuan, rounded to whole yuan only after summing, so rounding errors cannot pile up
 * over a cell's communities; `fund_total` is rounded from the exact sum, so it may differ by a
 * few yuan from the sum of the rounded channels. A community's funds are read only from the
 * vocabulary's channels (`FUNDING_CHANNELS`); any other key is ignored.
 */
import { cellArea, latLngToCell, UNITS } from 'h3-js';
import { DONE_STAGES, FUNDING_CHANNELS, type FundField } from '../../src/domain/vocabulary';

/**
 * Default resolutions, chosen for the zoom levels a national map passes through:
 * - 5 (≈ 253 km², edge ≈ 9.9 km): a county or a city's core in one hexagon; the national and
 *   provincial view, a few thousand cells for the whole country;
 * - 7 (≈ 5.2 km², edge ≈ 1.4 km): about a street office (街道); the city view;
 * - 8 (≈ 0.74 km², edge ≈ 0.53 km): a handful of 小区, about a 10-minute walk across; the
 *   district view, just before individual communities take over.
 * Resolution 6 (≈ 36 km²) falls between city and county and adds little; 9 and finer hold one or
 * two communities per cell, which the point layer already shows.
 */
export const DEFAULT_H3_RESOLUTIONS: readonly number[] = [5, 7, 8];

/** What `aggregateH3` reads from a community (a `CommunityRecord` fits). */
export interface H3Community {
  /** WGS84. */
  lng: number;
  lat: number;
  households?: number;
  residents?: number;
  stage?: string;
  /** Yuan per channel field (`fund_central` …); absent channels are unknown, not zero. */
  funds: Partial<Record<string, number>>;
}

/** Summary of the communities inside one H3 cell. */
export interface H3CellSummaryBase {
  /** H3 index as a hex string. */
  h3: string;
  count: number;
  households: number;
  residents: number;
  /** Communities at a stage in `DONE_STAGES` (completed or accepted). */
  completed: number;
  /** completed ÷ count, 0..1 to 4 decimals; communities without a stage count as not done. */
  completion_rate: number;
  /** Yuan, all channels. */
  fund_total: number;
  /** Yuan, government channels (`fiscal: true`). */
  fund_fiscal: number;
  fund_nonfiscal: number;
  /** Area of the cell in km² (H3 cells vary in area by latitude and position), 4 decimals. */
  area_km2: number;
  /** Yuan per km² of cell area. */
  fund_per_km2: number;
  /**
   * Yuan per household, over the communities that report both households and at least one
   * funding channel (others would bias it downwards); null when there are none.
   */
  fund_per_household: number | null;
}

/** A cell summary with one `fund_<channel>` column (yuan) for every funding channel. */
export type H3CellSummary = H3CellSummaryBase & Readonly<Record<FundField, number | null>>;

/** All cells of one resolution, sorted by index. */
export interface H3Layer {
  resolution: number;
  cells: H3CellSummary[];
}

const CHANNEL_COUNT = FUNDING_CHANNELS.length;
const CHANNEL_FIELDS: readonly string[] = FUNDING_CHANNELS.map((c) => c.field);
const CHANNEL_FISCAL: readonly boolean[] = FUNDING_CHANNELS.map((c) => c.fiscal);
const CHANNEL_INDEX: ReadonlyMap<string, number> = new Map(CHANNEL_FIELDS.map((f, k) => [f, k]));
const DONE: ReadonlySet<string> = new Set(DONE_STAGES);

// Layout of one cell's running sums in a flat Float64Array (one community's contribution uses
// the same layout). Flat arrays rather than an object per cell: at national scale (about 160,000
// cells over three resolutions) small objects kept the garbage collector busier than the sums.
const COUNT = 0;
const HOUSEHOLDS = 1;
const RESIDENTS = 2;
const COMPLETED = 3;
/** Fund total of communities that report both households and funds. */
const FUNDS_WITH_HOUSEHOLDS = 4;
/** Households of those same communities. */
const HOUSEHOLDS_WITH_FUNDS = 5;
/** Yuan per channel, in `FUNDING_CHANNELS` order, from here on. */
const FUNDS = 6;
const STRIDE = FUNDS + CHANNEL_COUNT;

/** Running sums of the cells of one resolution. */
class CellSums {
  readonly slots = new Map<string, number>();
  data = new Float64Array(STRIDE * 1024);

  /** Adds one community's contribution (laid out as a cell) to a cell. */
  add(h3: string, row: Float64Array): void {
    let slot = this.slots.get(h3);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(h3, slot);
      if ((slot + 1) * STRIDE > this.data.length) {
        const bigger = new Float64Array(this.data.length * 2);
        bigger.set(this.data);
        this.data = bigger;
      }
    }
    const base = slot * STRIDE;
    const data = this.data;
    for (let k = 0; k < STRIDE; k++) data[base + k] = (data[base + k] as number) + (row[k] as number);
  }
}

/** Positive finite number or 0: ledgers leave gaps, and a gap adds nothing to a sum. */
function amount(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function checkResolutions(resolutions: readonly number[]): void {
  for (const r of resolutions) {
    if (!Number.isInteger(r) || r < 0 || r > 15)
      throw new Error(`H3 resolution must be an integer 0..15, got ${r}`);
  }
  if (new Set(resolutions).size !== resolutions.length)
    throw new Error(`H3 resolutions repeat: ${resolutions.join(', ')}`);
}

function summarise(h3: string, data: Float64Array, base: number): H3CellSummary {
  const at = (k: number): number => data[base + k] as number;
  let fiscal = 0;
  let total = 0;
  for (let k = 0; k < CHANNEL_COUNT; k++) {
    const value = at(FUNDS + k);
    total += value;
    if (CHANNEL_FISCAL[k]) fiscal += value;
  }
  const count = at(COUNT);
  const areaKm2 = cellArea(h3, UNITS.km2);
  const summary: Record<string, string | number | null> = {
    h3,
    count,
    households: Math.round(at(HOUSEHOLDS)),
    residents: Math.round(at(RESIDENTS)),
    completed: at(COMPLETED),
    completion_rate: Math.round((at(COMPLETED) / count) * 10000) / 10000,
    fund_total: Math.round(total),
    fund_fiscal: Math.round(fiscal),
    fund_nonfiscal: Math.round(total - fiscal),
  };
  for (let k = 0; k < CHANNEL_COUNT; k++) summary[CHANNEL_FIELDS[k] as string] = Math.round(at(FUNDS + k));
  summary.area_km2 = Math.round(areaKm2 * 10000) / 10000;
  summary.fund_per_km2 = Math.round(total / areaKm2);
  const households = at(HOUSEHOLDS_WITH_FUNDS);
  summary.fund_per_household = households > 0 ? Math.round(at(FUNDS_WITH_HOUSEHOLDS) / households) : null;
  return summary as unknown as H3CellSummary;
}

/**
 * Sums communities into H3 cells at each resolution (default `DEFAULT_H3_RESOLUTIONS`).
 * Throws on a community without valid WGS84 coordinates: records reaching this step have been
 * validated, so one without a position is a bug upstream, not a row to drop quietly.
 */
export function aggregateH3(
  communities: readonly H3Community[],
  resolutions: readonly number[] = DEFAULT_H3_RESOLUTIONS,
): H3Layer[] {
  checkResolutions(resolutions);
  const sumsByResolution = resolutions.map(() => new CellSums());
  // One community's contribution, reused for every community.
  const row = new Float64Array(STRIDE);

  for (let i = 0; i < communities.length; i++) {
    const c = communities[i] as H3Community;
    if (!Number.isFinite(c.lng) || !Number.isFinite(c.lat) || Math.abs(c.lat) > 90 || Math.abs(c.lng) > 180) {
      throw new Error(`community #${i} has no valid coordinates (lng ${c.lng}, lat ${c.lat})`);
    }
    row.fill(0);
    const households = amount(c.households);
    row[COUNT] = 1;
    row[HOUSEHOLDS] = households;
    row[RESIDENTS] = amount(c.residents);
    row[COMPLETED] = c.stage !== undefined && DONE.has(c.stage) ? 1 : 0;
    let fundTotal = 0;
    let reportsFunds = false;
    // Walk the few keys a record has rather than probe all twelve channels on every record.
    for (const field in c.funds) {
      const k = CHANNEL_INDEX.get(field);
      const value = c.funds[field];
      if (k === undefined || value === undefined || !Number.isFinite(value)) continue;
      reportsFunds = true;
      const yuan = amount(value);
      row[FUNDS + k] = yuan;
      fundTotal += yuan;
    }
    if (reportsFunds && households > 0) {
      row[FUNDS_WITH_HOUSEHOLDS] = fundTotal;
      row[HOUSEHOLDS_WITH_FUNDS] = households;
    }
    for (let r = 0; r < resolutions.length; r++) {
      // Index each resolution from the point, not as the parent of the finest cell: H3 children
      // do not tile their parent exactly, and a hexagon must contain the points it counts.
      (sumsByResolution[r] as CellSums).add(latLngToCell(c.lat, c.lng, resolutions[r] as number), row);
    }
  }

  return resolutions.map((resolution, r) => {
    const sums = sumsByResolution[r] as CellSums;
    const keys = [...sums.slots.keys()].sort();
    return {
      resolution,
      cells: keys.map((h3) => summarise(h3, sums.data, (sums.slots.get(h3) as number) * STRIDE)),
    };
  });
}
