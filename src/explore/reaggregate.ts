/**
 * H3 cell summaries of the filtered communities, in the browser: the same cells, fields and
 * rounding as the build's aggregates (scripts/pipeline/aggregate-h3.ts), so the funding-density
 * layer can draw filtered cells with the code that draws the prebuilt ones. The index carries
 * each row's cell and each cell's area, so no H3 is computed here. Pure.
 */
import { DONE_STAGES, FUNDING_CHANNELS, type FundField } from '../domain/vocabulary';
import type { H3Cell } from '../lib/aggregates';
import type { ExploreIndex } from './explore-index';

/** A cell summary: every field of the build's aggregate cells. */
export type ReaggregatedCell = H3Cell & {
  residents: number;
  completed: number;
  fund_fiscal: number;
  fund_nonfiscal: number;
  area_km2: number;
  fund_per_household: number | null;
} & Record<FundField, number>;

const CHANNELS = FUNDING_CHANNELS.length;

/** Positive finite or 0, as the build counts a ledger's gaps and oddities. */
const amount = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);

/**
 * Sums the rows a mask lets through into the index's H3 cells at `resolution`; cells without a
 * matching row are left out, the rest sorted by H3 index. Throws when the index has no cells at
 * that resolution.
 */
export function reaggregate(index: ExploreIndex, mask: Uint8Array, resolution: number): ReaggregatedCell[] {
  const h3 = index.h3At(resolution);
  if (!h3) throw new Error(`the explore index has no H3 cells at resolution ${resolution}`);
  const cellCount = h3.cells.length;
  const count = new Float64Array(cellCount);
  const households = new Float64Array(cellCount);
  const residents = new Float64Array(cellCount);
  const completed = new Float64Array(cellCount);
  const fundsWithHouseholds = new Float64Array(cellCount);
  const householdsWithFunds = new Float64Array(cellCount);
  const channels = new Float64Array(cellCount * CHANNELS);
  const stage = index.text.stage;
  const done = Uint8Array.from(stage.values, (v) =>
    v !== null && (DONE_STAGES as string[]).includes(v) ? 1 : 0,
  );
  const channelValues = FUNDING_CHANNELS.map((c) => index.funds.get(c.field));

  for (let i = 0; i < index.count; i++) {
    if (!mask[i]) continue;
    const c = h3.cellOf[i]!;
    const hh = amount(index.households[i]!);
    count[c]!++;
    households[c]! += hh;
    residents[c]! += amount(index.residents[i]!);
    completed[c]! += done[stage.codes[i]!]!;
    let rowTotal = 0;
    for (let k = 0; k < CHANNELS; k++) {
      const values = channelValues[k];
      if (!values) continue;
      const yuan = amount(values[i]!);
      channels[c * CHANNELS + k]! += yuan;
      rowTotal += yuan;
    }
    if (index.reportsFunds[i] && hh > 0) {
      fundsWithHouseholds[c]! += rowTotal;
      householdsWithFunds[c]! += hh;
    }
  }

  const out: ReaggregatedCell[] = [];
  for (const c of sortedCells(h3.cells)) {
    const n = count[c]!;
    if (!n) continue;
    const area = h3.areaKm2[c]!;
    const cell: Record<string, string | number | null> = {
      h3: h3.cells[c]!,
      count: n,
      households: Math.round(households[c]!),
      residents: Math.round(residents[c]!),
      completed: completed[c]!,
      completion_rate: Math.round((completed[c]! / n) * 10000) / 10000,
    };
    let total = 0;
    let fiscal = 0;
    for (let k = 0; k < CHANNELS; k++) {
      const yuan = channels[c * CHANNELS + k]!;
      total += yuan;
      if (FISCAL[k]) fiscal += yuan;
      cell[FIELDS[k]!] = Math.round(yuan);
    }
    cell.fund_total = Math.round(total);
    cell.fund_fiscal = Math.round(fiscal);
    cell.fund_nonfiscal = Math.round(total - fiscal);
    cell.area_km2 = area;
    cell.fund_per_km2 = Math.round(total / area);
    cell.fund_per_household =
      householdsWithFunds[c]! > 0 ? Math.round(fundsWithHouseholds[c]! / householdsWithFunds[c]!) : null;
    out.push(cell as unknown as ReaggregatedCell);
  }
  return out;
}

const FIELDS: readonly string[] = FUNDING_CHANNELS.map((c) => c.field);
const FISCAL: readonly boolean[] = FUNDING_CHANNELS.map((c) => c.fiscal);
/** Cell slots in H3 index order, once per cell list: the output is sorted like the build's. */
const SORTED = new WeakMap<readonly string[], Uint32Array>();

function sortedCells(cells: readonly string[]): Uint32Array {
  let order = SORTED.get(cells);
  if (!order) {
    order = Uint32Array.from(cells.keys()).sort((a, b) =>
      cells[a]! < cells[b]! ? -1 : cells[a]! > cells[b]! ? 1 : 0,
    );
    SORTED.set(cells, order);
  }
  return order;
}
