/**
 * H3 cell summaries of the filtered communities, in the browser: the same cells, and the same
 * summary (src/domain/metrics.ts `summariseArea`) as the build's aggregates, so the funding-density
 * layer can draw filtered cells with the code that draws the prebuilt ones. The index carries
 * each row's cell and each cell's area, so no H3 is computed here. Pure.
 */
import type { H3CellSummary } from '../contracts/h3-cells';
import { addToAreaSums, AREA_SUMS_STRIDE, summariseArea, type AreaCommunity } from '../domain/metrics';
import { FUNDING_CHANNELS } from '../domain/vocabulary';
import type { ExploreIndex } from './explore-index';

/** A cell summary: every field of the build's aggregate cells. */
export type ReaggregatedCell = H3CellSummary;

/**
 * Sums the rows a mask lets through into the index's H3 cells at `resolution`; cells without a
 * matching row are left out, the rest sorted by H3 index. Throws when the index has no cells at
 * that resolution.
 */
export function reaggregate(index: ExploreIndex, mask: Uint8Array, resolution: number): ReaggregatedCell[] {
  const h3 = index.h3At(resolution);
  if (!h3) throw new Error(`the explore index has no H3 cells at resolution ${resolution}`);
  const sums = new Float64Array(h3.cells.length * AREA_SUMS_STRIDE);
  const stage = index.text.stage;
  const channelValues = FUNDING_CHANNELS.map((c) => index.funds.get(c.field));
  // One community at a time, reused: no object per row.
  const channelYuan = new Array<number | undefined>(channelValues.length);
  const row: AreaCommunity = { households: 0, residents: 0, stage: null, channelYuan };

  for (let i = 0; i < index.count; i++) {
    if (!mask[i]) continue;
    row.households = index.households[i];
    row.residents = index.residents[i];
    row.stage = stage.values[stage.codes[i]!];
    for (let k = 0; k < channelValues.length; k++) channelYuan[k] = channelValues[k]?.[i];
    addToAreaSums(sums, h3.cellOf[i]! * AREA_SUMS_STRIDE, row);
  }

  const out: ReaggregatedCell[] = [];
  for (const c of sortedCells(h3.cells)) {
    const base = c * AREA_SUMS_STRIDE;
    // The count comes first in the sums: an empty cell has none.
    if (!sums[base]) continue;
    out.push(Object.assign({ h3: h3.cells[c]! }, summariseArea(sums, base, h3.areaKm2[c]!)));
  }
  return out;
}

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
