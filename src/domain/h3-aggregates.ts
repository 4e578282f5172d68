/**
 * Hexagon summaries of communities on the H3 grid, computed at build time so the site draws
 * ready-made cells (deck.gl's H3HexagonLayer takes the index as is) and never sums raw rows in
 * the browser: 220,000 communities would be tens of MB to download and seconds of work on a phone.
 *
 * Every cell carries counts, people, completion and money per funding channel, plus densities:
 * the domain's area summary (src/domain/metrics.ts), which the site's re-aggregation uses too.
 * A community's funds are read only from the vocabulary's channels (`FUNDING_CHANNELS`); any
 * other key is ignored.
 */
import { cellArea, latLngToCell, UNITS } from 'h3-js';
import {
  addToAreaSums,
  AREA_SUMS_STRIDE,
  mergeAreaSums,
  roundAreaKm2,
  summariseArea,
  type AreaSummary,
} from './metrics';
import { FUNDING_CHANNELS } from './vocabulary';

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

/**
 * Summary of the communities inside one H3 cell: the index first, then the area summary. The
 * aggregate files hold these (src/contracts/h3-cells.ts).
 */
export type H3CellSummary = { /** H3 index as a hex string. */ h3: string } & AreaSummary;

/** All cells of one resolution, sorted by index: one aggregate file. */
export interface H3Layer {
  resolution: number;
  cells: H3CellSummary[];
}

const STRIDE = AREA_SUMS_STRIDE;

/** Running sums of the cells of one resolution (layout: src/domain/metrics.ts `addToAreaSums`). */
class CellSums {
  readonly slots = new Map<string, number>();
  data = new Float64Array(STRIDE * 1024);

  /** Adds one community's sums (laid out as a cell's) to a cell; returns the cell's slot. */
  add(h3: string, row: Float64Array): number {
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
    mergeAreaSums(this.data, slot * STRIDE, row, 0);
    return slot;
  }
}

function checkResolutions(resolutions: readonly number[]): void {
  for (const r of resolutions) {
    if (!Number.isInteger(r) || r < 0 || r > 15)
      throw new Error(`H3 resolution must be an integer 0..15, got ${r}`);
  }
  if (new Set(resolutions).size !== resolutions.length)
    throw new Error(`H3 resolutions repeat: ${resolutions.join(', ')}`);
}

const CHANNEL_INDEX: ReadonlyMap<string, number> = new Map(FUNDING_CHANNELS.map((c, k) => [c.field, k]));

/**
 * The communities summed into the cells of one resolution, before any summary object exists:
 * the data build writes a layer cell by cell from it (`summary`) and gives the explore index each
 * row's cell (`rowCell`) without indexing the rows again, where 160,000 summary objects held
 * ~300 MB at national scale.
 */
export interface H3Grid {
  resolution: number;
  /** H3 indexes, sorted: a layer's cells in file order. */
  cells: readonly string[];
  /** Community i lies in `cells[rowCell[i]]`. */
  rowCell: Uint32Array;
  /** Each cell's area in km², rounded as its summary's `area_km2`. */
  areaKm2: Float64Array;
  /** Cell k's summary, exactly as `aggregateH3` gives it; a fresh object on every call. */
  summary(k: number): H3CellSummary;
}

/**
 * Sums communities into H3 cells at each resolution (default `DEFAULT_H3_RESOLUTIONS`), as
 * grids (`H3Grid`). Throws on a community without valid WGS84 coordinates: records reaching this
 * step have been validated, so one without a position is a bug upstream, not a row to drop quietly.
 */
export function sumH3Grids(
  communities: readonly H3Community[],
  resolutions: readonly number[] = DEFAULT_H3_RESOLUTIONS,
): H3Grid[] {
  checkResolutions(resolutions);
  const sumsByResolution = resolutions.map(() => new CellSums());
  const slotByResolution = resolutions.map(() => new Uint32Array(communities.length));
  // One community's contribution and its yuan per channel, reused for every community.
  const row = new Float64Array(STRIDE);
  const channelYuan: (number | undefined)[] = new Array(FUNDING_CHANNELS.length);

  for (let i = 0; i < communities.length; i++) {
    const c = communities[i] as H3Community;
    if (!Number.isFinite(c.lng) || !Number.isFinite(c.lat) || Math.abs(c.lat) > 90 || Math.abs(c.lng) > 180) {
      throw new Error(`community #${i} has no valid coordinates (lng ${c.lng}, lat ${c.lat})`);
    }
    row.fill(0);
    channelYuan.fill(undefined);
    // Walk the few keys a record has rather than probe all twelve channels on every record.
    for (const field in c.funds) {
      const k = CHANNEL_INDEX.get(field);
      if (k !== undefined) channelYuan[k] = c.funds[field];
    }
    addToAreaSums(row, 0, { households: c.households, residents: c.residents, stage: c.stage, channelYuan });
    for (let r = 0; r < resolutions.length; r++) {
      // Index each resolution from the point, not as the parent of the finest cell: H3 children
      // do not tile their parent exactly, and a hexagon must contain the points it counts.
      const h3 = latLngToCell(c.lat, c.lng, resolutions[r] as number);
      slotByResolution[r]![i] = (sumsByResolution[r] as CellSums).add(h3, row);
    }
  }

  return resolutions.map((resolution, r) => {
    const sums = sumsByResolution[r] as CellSums;
    const cells = [...sums.slots.keys()].sort();
    // Slots were handed out in order of first appearance; files list cells sorted.
    const slots = Uint32Array.from(cells, (h3) => sums.slots.get(h3) as number);
    const sortedOfSlot = new Uint32Array(cells.length);
    slots.forEach((slot, k) => (sortedOfSlot[slot] = k));
    const rowCell = slotByResolution[r]!;
    for (let i = 0; i < rowCell.length; i++) rowCell[i] = sortedOfSlot[rowCell[i]!]!;
    const rawArea = Float64Array.from(cells, (h3) => cellArea(h3, UNITS.km2));
    const { data } = sums;
    return {
      resolution,
      cells,
      rowCell,
      areaKm2: rawArea.map(roundAreaKm2),
      // The index first, then the summary: the order the files are written in.
      summary: (k) => Object.assign({ h3: cells[k]! }, summariseArea(data, slots[k]! * STRIDE, rawArea[k]!)),
    };
  });
}

/**
 * Sums communities into H3 cells at each resolution (default `DEFAULT_H3_RESOLUTIONS`), one
 * layer of summaries per resolution. Throws as `sumH3Grids`.
 */
export function aggregateH3(
  communities: readonly H3Community[],
  resolutions: readonly number[] = DEFAULT_H3_RESOLUTIONS,
): H3Layer[] {
  return sumH3Grids(communities, resolutions).map((grid) => ({
    resolution: grid.resolution,
    cells: grid.cells.map((_, k) => grid.summary(k)),
  }));
}
