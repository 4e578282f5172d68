/**
 * The explore index (`explore.json`, layout in ./explore-format.ts): every accepted
 * community as compact columns, with the H3 cell of each row at each aggregate resolution, so
 * the site filters, charts and re-aggregates communities without downloading the GeoJSON or
 * computing H3 in the browser. Pure: records in, a JSON-ready object out. The data build writes
 * the file with it; the site's tests make their fixtures with it.
 */
import { cellArea, latLngToCell, UNITS } from 'h3-js';
import { outputFieldNames } from '../domain/output-fields';
import type { CommunityRecord } from '../domain/schema';
import { AMENITY_TYPES, FUNDING_CHANNELS, ITEMS } from '../domain/vocabulary';
import {
  EXPLORE_COORD_SCALE,
  EXPLORE_COVERAGE_SCALE,
  EXPLORE_FORMAT_VERSION,
  monthCode,
  TEXT_FIELDS,
  type BitColumn,
  type DeltaColumn,
  type DictColumn,
  type ExploreFile,
  type H3Column,
  type SparseColumn,
} from './explore-format';
import type { H3Grid, H3Layer } from '../domain/h3-aggregates';
import { roundAreaKm2 } from '../domain/metrics';
import type { CommunityLifeCircle } from '../domain/community-properties';

/**
 * Collects the values of a dictionary column row by row. Codes are handed out in order of first
 * appearance while rows are added, then renumbered so the most frequent value gets code 1 and
 * common codes stay short.
 */
class DictBuilder {
  readonly #slots = new Map<string, number>();
  #counts: number[] = [];
  readonly #codes: Int32Array;

  constructor(count: number) {
    this.#codes = new Int32Array(count);
  }

  add(i: number, value: string | undefined): void {
    if (value === undefined || value === '') return;
    let slot = this.#slots.get(value);
    if (slot === undefined) {
      slot = this.#slots.size;
      this.#slots.set(value, slot);
      this.#counts.push(0);
    }
    this.#counts[slot]!++;
    this.#codes[i] = slot + 1;
  }

  /** The values (most frequent first; ties in order of first appearance) and each row's rank + 1. */
  finish(): { values: string[]; codes: number[] } {
    const values = [...this.#slots.keys()];
    const order = values.map((_, k) => k).sort((a, b) => this.#counts[b]! - this.#counts[a]! || a - b);
    const rank = new Int32Array(values.length);
    order.forEach((slot, r) => (rank[slot] = r + 1));
    const codes = new Array<number>(this.#codes.length);
    for (let i = 0; i < codes.length; i++) {
      const c = this.#codes[i]!;
      codes[i] = c === 0 ? 0 : rank[c - 1]!;
    }
    return { values: order.map((slot) => values[slot]!), codes };
  }
}

function dictColumn(builder: DictBuilder): DictColumn {
  const { values, codes } = builder.finish();
  return { values: [null, ...values], codes };
}

/**
 * The largest power of ten (up to 10⁴) that divides every value exactly, or 1. Ledgers state
 * money in 万元 with two decimals, so yuan amounts are whole hundreds: `4362` with unit 100 is
 * two characters shorter than `436200`, over hundreds of thousands of amounts.
 */
function commonUnit(values: readonly number[]): number {
  for (const unit of [10_000, 1000, 100, 10])
    if (values.every((v) => Number.isInteger(v / unit) && (v / unit) * unit === v)) return unit;
  return 1;
}

function optionalNumbers(
  count: number,
  valueOf: (i: number) => number | undefined | null,
): (number | null)[] {
  const out: (number | null)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const v = valueOf(i);
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return out;
}

function deltaColumn(count: number, valueOf: (i: number) => number): DeltaColumn {
  const delta: number[] = new Array(count);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const fixed = Math.round(valueOf(i) * EXPLORE_COORD_SCALE);
    delta[i] = fixed - previous;
    previous = fixed;
  }
  return { scale: EXPLORE_COORD_SCALE, delta };
}

function bitColumn(keys: string[], count: number, keysOf: (i: number) => readonly string[]): BitColumn {
  const bit = new Map(keys.map((k, b) => [k, b]));
  const words = Array.from({ length: Math.ceil(keys.length / 32) }, () => new Array<number>(count).fill(0));
  for (let i = 0; i < count; i++) {
    for (const key of keysOf(i)) {
      const b = bit.get(key);
      if (b === undefined) continue;
      const word = words[b >>> 5]!;
      // `>>> 0` keeps bit 31 from turning the word negative.
      word[i] = (word[i]! | (1 << (b & 31))) >>> 0;
    }
  }
  return { keys, words };
}

/** Vocabulary keys first (stable bit positions across builds), then any other key seen. */
function keysWithExtras(
  vocabulary: readonly string[],
  count: number,
  keysOf: (i: number) => readonly string[],
) {
  const keys = [...vocabulary];
  const known = new Set(keys);
  for (let i = 0; i < count; i++)
    for (const k of keysOf(i))
      if (!known.has(k)) {
        known.add(k);
        keys.push(k);
      }
  return keys;
}

function h3Column(records: readonly CommunityRecord[], source: H3Layer | H3Grid): H3Column {
  if ('rowCell' in source) return h3ColumnOfGrid(source);
  const { resolution } = source;
  const cells = new DictBuilder(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    cells.add(i, latLngToCell(r.lat, r.lng, resolution));
  }
  const { values, codes } = cells.finish();
  const areas = new Map(source.cells.map((c) => [c.h3, c.area_km2]));
  return {
    resolution,
    cells: values,
    // The aggregates computed each cell's area already; computing it again costs seconds.
    area_km2: values.map((c) => areas.get(c) ?? roundAreaKm2(cellArea(c, UNITS.km2))),
    // Ranks start at 1 (0 is "no value" in a dictionary); every row has a cell.
    rows: codes.map((c) => c - 1),
  };
}

// The reader's list of dictionary columns is checked here, where the dictionary is loaded anyway
// (explore-format.ts leaves it unchecked to keep the dictionary out of the site's first load).
outputFieldNames('explore.json dictionary columns', TEXT_FIELDS);

/**
 * The same column from a grid that already knows each row's cell: cells ranked as `DictBuilder`
 * ranks values (most rows first, ties in order of first appearance).
 */
function h3ColumnOfGrid(grid: H3Grid): H3Column {
  const { cells, rowCell, areaKm2 } = grid;
  const count = new Uint32Array(cells.length);
  const first = new Int32Array(cells.length).fill(-1);
  for (let i = 0; i < rowCell.length; i++) {
    const k = rowCell[i]!;
    if (count[k] === 0) first[k] = i;
    count[k]!++;
  }
  const order = Array.from(cells, (_, k) => k)
    .filter((k) => count[k]! > 0)
    .sort((a, b) => count[b]! - count[a]! || first[a]! - first[b]!);
  const rank = new Uint32Array(cells.length);
  order.forEach((k, r) => (rank[k] = r));
  const rows = new Array<number>(rowCell.length);
  for (let i = 0; i < rowCell.length; i++) rows[i] = rank[rowCell[i]!]!;
  return {
    resolution: grid.resolution,
    cells: order.map((k) => cells[k]!),
    area_km2: order.map((k) => areaKm2[k]!),
    rows,
  };
}

/**
 * Numeric output fields stored as plain columns, in file order. Two runs, because the month
 * columns sit between them in the file and are not output fields (see `start_month` below).
 */
const NUMBER_FIELDS_BEFORE_MONTHS = outputFieldNames('explore index number columns', [
  'batch_year',
  'year_built',
]);
const NUMBER_FIELDS_AFTER_MONTHS = outputFieldNames('explore index number columns', [
  'households',
  'residents',
  'buildings',
]);

type Columns = ExploreFile['columns'];

/** One column per field, keyed in the order of `fields` (the file's key order). */
function fieldColumns<K extends keyof Columns, V>(
  fields: readonly K[],
  column: (field: K) => V,
): Record<K, V> {
  return Object.fromEntries(fields.map((f) => [f, column(f)])) as Record<K, V>;
}

/**
 * Builds the explore index of the accepted communities. `lifeCircles` gives row i's life-circle
 * result, as an array or an accessor (undefined when the build had no amenities); `aggregates` are the build's H3
 * aggregates (src/domain/h3-aggregates.ts) of the same records: the index assigns every row its
 * cell at each of their resolutions, the same way (from the point), and takes the cells' areas
 * from them. Given as grids (`sumH3Grids`), each row's cell is read rather than found again.
 */
export function buildExploreIndex(
  records: readonly CommunityRecord[],
  lifeCircles:
    | readonly (CommunityLifeCircle | undefined)[]
    | ((i: number) => CommunityLifeCircle | undefined)
    | undefined,
  aggregates: readonly (H3Layer | H3Grid)[],
): ExploreFile {
  const n = records.length;
  const at = (i: number) => records[i]!;

  // Walk the few channels each record has rather than probe all twelve on every record.
  const channelIndex = new Map(FUNDING_CHANNELS.map((c, k) => [c.field as string, k]));
  const sparse = FUNDING_CHANNELS.map(() => ({ rows: [] as number[], values: [] as number[], previous: 0 }));
  for (let i = 0; i < n; i++) {
    const recordFunds = at(i).funds;
    for (const field in recordFunds) {
      const k = channelIndex.get(field);
      const v = recordFunds[field];
      if (k === undefined || typeof v !== 'number' || !Number.isFinite(v)) continue;
      const column = sparse[k]!;
      column.rows.push(i - column.previous);
      column.previous = i;
      column.values.push(v);
    }
  }
  const funds: Record<string, SparseColumn> = {};
  FUNDING_CHANNELS.forEach((channel, k) => {
    const { rows, values } = sparse[k]!;
    if (!values.length) return;
    const unit = commonUnit(values);
    funds[channel.field] =
      unit === 1 ? { rows, values } : { rows, values: values.map((v) => v / unit), unit };
  });

  const itemKeys = keysWithExtras(
    ITEMS.map((i) => i.key),
    n,
    (i) => at(i).items,
  );

  // One pass over the records for the text fields: at national scale every extra pass over
  // 220,000 records (and every extra hashing of their strings) costs seconds.
  const text = fieldColumns(TEXT_FIELDS, () => new DictBuilder(n));
  for (let i = 0; i < n; i++) {
    const r = at(i);
    for (const field of TEXT_FIELDS) text[field].add(i, r[field]);
  }

  const columns: ExploreFile['columns'] = {
    id: records.map((r) => r.id),
    name: records.map((r) => r.name),
    ...fieldColumns(TEXT_FIELDS, (field) => dictColumn(text[field])),
    ...fieldColumns(NUMBER_FIELDS_BEFORE_MONTHS, (field) => optionalNumbers(n, (i) => at(i)[field])),
    // Not output fields: `start_date` and `completion_date` as month codes (`monthCode`), the
    // precision the index keeps.
    start_month: optionalNumbers(n, (i) => monthCode(at(i).start_date)),
    completion_month: optionalNumbers(n, (i) => monthCode(at(i).completion_date)),
    ...fieldColumns(NUMBER_FIELDS_AFTER_MONTHS, (field) => optionalNumbers(n, (i) => at(i)[field])),
    // Not an output field: the channels' `fund_*` fields, grouped as sparse columns.
    funds,
    items: bitColumn(itemKeys, n, (i) => at(i).items),
    is_synthetic: records.map((r) => (r.is_synthetic ? 1 : 0)),
    // Not output fields: communities.geojson carries the point as the geometry.
    lng: deltaColumn(n, (i) => at(i).lng),
    lat: deltaColumn(n, (i) => at(i).lat),
  };

  if (lifeCircles) {
    const lc = typeof lifeCircles === 'function' ? lifeCircles : (i: number) => lifeCircles[i];
    // One read per row: an accessor builds the whole result, ~1 KB, each time it is called.
    const met: (number | null)[] = new Array(n);
    const coverage: (number | null)[] = new Array(n);
    const missing: (readonly string[])[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const c = lc(i);
      met[i] = c ? (c.lc5_met ? 1 : 0) | (c.lc10_met ? 2 : 0) | (c.lc15_met ? 4 : 0) : null;
      const score = c ? Math.round(c.coverage_score * EXPLORE_COVERAGE_SCALE) : NaN;
      coverage[i] = Number.isFinite(score) ? score : null;
      missing[i] = c?.missing_types ?? [];
    }
    const missingKeys = keysWithExtras(
      AMENITY_TYPES.map((a) => a.type),
      n,
      (i) => missing[i]!,
    );
    columns.life_circles = {
      met,
      coverage,
      missing_types: bitColumn(missingKeys, n, (i) => missing[i]!),
    };
  }

  return {
    version: EXPLORE_FORMAT_VERSION,
    count: n,
    columns,
    h3: [...aggregates].sort((a, b) => a.resolution - b.resolution).map((layer) => h3Column(records, layer)),
  };
}
