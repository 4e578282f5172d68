/**
 * Writes the explore index's binary parts (layout: ./explore-binary.ts) from its logical columns
 * (`ExploreFile`, built by ./explore-encode.ts). Pure: columns in, bytes out. Every value is kept
 * exactly: amounts are whole multiples of their channel's unit (so sums come to the same yuan),
 * positions are the same 1e-5° fixed point, coverage the same thousandths.
 */
import {
  codeArray,
  completionAfterStart,
  EXPLORE_PARTS,
  ExploreBinaryError,
  packMonth,
  packPart,
  PLACE_FIELDS,
  U16_NONE,
  U32_NONE,
  U8_NONE,
  type ColumnArray,
  type CoreMeta,
  type DetailsMeta,
  type ExplorePart,
  type FiguresMeta,
} from './explore-binary';
import { decodeFiguresPart } from './explore-binary-read';
import { figureTotals } from './explore-totals';
import {
  EXPLORE_FORMAT_VERSION,
  TEXT_FIELDS,
  type BitColumn,
  type DictColumn,
  type ExploreFile,
  type SparseColumn,
} from './explore-format';

/** The text fields of the core part: all but 社区 (`community`), which only panels and lists show. */
export const CORE_TEXT_FIELDS = TEXT_FIELDS.filter((f) => f !== 'community');

function fail(what: string): never {
  throw new ExploreBinaryError(`explore index: ${what}`);
}

function expectLength(name: string, array: unknown, count: number): void {
  if (!Array.isArray(array)) fail(`column ${name} is not an array`);
  if (array.length !== count) fail(`column ${name} has ${array.length} rows, expected ${count}`);
}

function codes(name: string, column: DictColumn | undefined, count: number): ColumnArray {
  if (!column || !Array.isArray(column.values)) fail(`column ${name} is missing`);
  expectLength(name, column.codes, count);
  const out = codeArray(column.values.length, count);
  for (let i = 0; i < count; i++) {
    const c = column.codes[i]!;
    if (!(Number.isInteger(c) && c >= 0 && c < column.values.length))
      fail(`column ${name} row ${i} has code ${c} of ${column.values.length}`);
    out[i] = c;
  }
  return out;
}

/** Years: u16, 0 for no value. */
function years(name: string, column: (number | null)[] | undefined, count: number): Uint16Array {
  expectLength(name, column, count);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const v = column![i];
    if (v === null || v === undefined) continue;
    if (!(Number.isInteger(v) && v > 0 && v < 0x10000)) fail(`column ${name} row ${i} has year ${v}`);
    out[i] = v;
  }
  return out;
}

/** `YYYYMM` codes packed into u16 (`packMonth`), 0 for no value. */
function months(name: string, column: (number | null)[] | undefined, count: number): Uint16Array {
  expectLength(name, column, count);
  const out = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    const v = column![i];
    if (v === null || v === undefined) continue;
    if (!(Number.isInteger(v) && v > 0 && v % 100 <= 12 && v < 409600))
      fail(`column ${name} row ${i} has month ${v}`);
    out[i] = packMonth(v);
  }
  return out;
}

/**
 * Optional non-negative measures: u32 with `U32_NONE` for no value when every value is a whole
 * number that fits (households, residents and buildings always are), f64 with NaN otherwise.
 */
function measures(values: ArrayLike<number | null | undefined>): Uint32Array | Float64Array {
  const n = values.length;
  let whole = true;
  for (let i = 0; i < n && whole; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && !(Number.isInteger(v) && v >= 0 && v < U32_NONE)) whole = false;
  }
  const out = whole ? new Uint32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? (whole ? U32_NONE : NaN) : v;
  }
  return out;
}

/** A sparse channel as a presence bitmap (bit i: row i reports it) and its values in row order. */
function sparse(name: string, column: SparseColumn, count: number) {
  if (!Array.isArray(column.rows) || column.rows.length !== column.values?.length)
    fail(`column ${name} has unmatched rows and values`);
  const rows = new Uint8Array(Math.ceil(count / 8));
  let row = 0;
  for (let k = 0; k < column.rows.length; k++) {
    row += column.rows[k]!;
    if (!(row >= 0 && row < count) || (k > 0 && column.rows[k]! <= 0))
      fail(`column ${name} points at row ${row} of ${count}, or out of order`);
    rows[row >> 3]! |= 1 << (row & 7);
  }
  return { rows, values: measures(column.values) };
}

/** Bit-set words, each in the narrowest type its keys need (8 keys fit a u8). */
function bitWords(name: string, column: BitColumn | undefined, count: number): ColumnArray[] {
  if (!column || !Array.isArray(column.keys) || !Array.isArray(column.words))
    fail(`column ${name} is missing`);
  if (column.words.length !== Math.ceil(column.keys.length / 32))
    fail(`column ${name} has ${column.words.length} words for ${column.keys.length} keys`);
  return column.words.map((word, w) => {
    expectLength(`${name}[${w}]`, word, count);
    const bits = Math.min(32, column.keys.length - w * 32);
    const out =
      bits <= 8 ? new Uint8Array(count) : bits <= 16 ? new Uint16Array(count) : new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = word[i]!;
    return out;
  });
}

/**
 * The distinct tuples of the fields' codes, most frequent first (ties by first appearance), as
 * one column per field (`sizes`: each field's dictionary size), and each row's tuple.
 */
function placeColumns(fields: readonly ColumnArray[], sizes: readonly number[], count: number) {
  const slots = new Map<string, number>();
  const counts: number[] = [];
  const firstRow: number[] = [];
  const slotOf = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const key = fields.map((f) => f[i]).join(',');
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(key, slot);
      counts.push(0);
      firstRow.push(i);
    }
    counts[slot]!++;
    slotOf[i] = slot;
  }
  const order = counts.map((_, k) => k).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const rank = new Uint32Array(order.length);
  order.forEach((slot, r) => (rank[slot] = r));
  const rows = codeArray(order.length, count);
  for (let i = 0; i < count; i++) rows[i] = rank[slotOf[i]!]!;
  const table = fields.map((f, k) => {
    const out = codeArray(sizes[k]!, order.length);
    order.forEach((slot, r) => (out[r] = f[firstRow[slot]!]!));
    return out;
  });
  return { rows, table, count: order.length };
}

/** Positions as absolute i32 fixed point (the JSON's deltas summed). */
function positions(name: string, column: { scale: number; delta: number[] } | undefined, count: number) {
  if (!column || !(column.scale > 0)) fail(`column ${name} has no scale`);
  expectLength(name, column.delta, count);
  const out = new Int32Array(count);
  let fixed = 0;
  for (let i = 0; i < count; i++) out[i] = fixed += column.delta[i]!;
  return out;
}

/** Encodes the explore index into its parts (./explore-binary.ts). Throws ExploreBinaryError naming the first bad column. */
export function encodeExploreParts(file: ExploreFile): Record<ExplorePart, Uint8Array> {
  if (typeof file !== 'object' || file === null) fail('not an object');
  if (file.version !== EXPLORE_FORMAT_VERSION)
    fail(`version ${String(file.version)} is not supported (expected ${EXPLORE_FORMAT_VERSION})`);
  const n = file.count;
  if (!Number.isInteger(n) || n < 0) fail(`count ${String(n)} is not a row count`);
  const c = file.columns;
  if (typeof c !== 'object' || c === null) fail('no columns');

  const columns: Record<string, ColumnArray> = {};
  const text: CoreMeta['text'] = {};
  const fieldCodes: Partial<Record<string, ColumnArray>> = {};
  for (const field of CORE_TEXT_FIELDS) {
    fieldCodes[field] = codes(field, c[field], n);
    text[field] = c[field].values;
    if (!(PLACE_FIELDS as readonly string[]).includes(field)) columns[`text.${field}`] = fieldCodes[field];
  }
  const places = placeColumns(
    PLACE_FIELDS.map((f) => fieldCodes[f]!),
    PLACE_FIELDS.map((f) => c[f].values.length),
    n,
  );
  columns['place.rows'] = places.rows;
  PLACE_FIELDS.forEach((f, k) => (columns[`place.${f}`] = places.table[k]!));
  columns.batch_year = years('batch_year', c.batch_year, n);
  columns.year_built = years('year_built', c.year_built, n);
  columns.start_month = months('start_month', c.start_month, n);
  const completion = months('completion_month', c.completion_month, n);
  columns.completion_after_start = completion.map((month, i) => {
    const stored = completionAfterStart(columns.start_month![i]!, month);
    if (stored === null) fail(`column completion_month row ${i} is 2048 years from its start`);
    return stored;
  });
  // The figures part: what only the funding and people figures read.
  const figureColumns: Record<string, ColumnArray> = {};
  for (const field of ['households', 'residents', 'buildings'] as const) {
    expectLength(field, c[field], n);
    figureColumns[field] = measures(c[field]);
  }
  const funds: FiguresMeta['funds'] = {};
  for (const [field, column] of Object.entries(c.funds ?? {})) {
    const { rows, values } = sparse(field, column, n);
    figureColumns[`funds.${field}.rows`] = rows;
    figureColumns[`funds.${field}.values`] = values;
    funds[field] = column.unit ?? 1;
  }
  bitWords('items', c.items, n).forEach((w, k) => (columns[`items.${k}`] = w));
  expectLength('is_synthetic', c.is_synthetic, n);
  columns.is_synthetic = Uint8Array.from(c.is_synthetic, (v) => (v ? 1 : 0));

  const lc = c.life_circles;
  if (lc) {
    expectLength('life_circles.met', lc.met, n);
    expectLength('life_circles.coverage', lc.coverage, n);
    columns['lc.met'] = Uint8Array.from(lc.met, (m) => (m === null ? U8_NONE : m & 7));
    columns['lc.coverage'] = Uint16Array.from(lc.coverage, (v, i) => {
      if (v === null) return U16_NONE;
      if (!(Number.isInteger(v) && v >= 0 && v < U16_NONE))
        fail(`column life_circles.coverage row ${i} has ${v}`);
      return v;
    });
    bitWords('life_circles.missing_types', lc.missing_types, n).forEach(
      (w, k) => (columns[`lc.missing.${k}`] = w),
    );
  }

  const figures = packPart<FiguresMeta>('figures', n, { funds }, figureColumns);
  // Read back, so the totals are the sums of exactly the values the page will decode.
  const totals = figureTotals(decodeFiguresPart(figures.buffer as ArrayBuffer, n));
  const core: CoreMeta = {
    text,
    places: places.count,
    items: c.items.keys,
    missing_types: lc ? lc.missing_types.keys : null,
    totals,
  };

  expectLength('id', c.id, n);
  expectLength('name', c.name, n);
  const place: Record<string, ColumnArray> = {
    'text.community': codes('community', c.community, n),
    lng: positions('lng', c.lng, n),
    lat: positions('lat', c.lat, n),
  };
  if (c.lng.scale !== c.lat.scale) fail(`lng and lat have different scales (${c.lng.scale}, ${c.lat.scale})`);
  if (!Array.isArray(file.h3)) fail('h3 is missing');
  file.h3.forEach((h, k) => {
    const name = `h3 r${h.resolution}`;
    expectLength(`${name} area_km2`, h.area_km2, h.cells?.length ?? -1);
    expectLength(`${name} rows`, h.rows, n);
    const rows = codeArray(h.cells.length, n);
    for (let i = 0; i < n; i++) {
      const r = h.rows[i]!;
      if (!(r >= 0 && r < h.cells.length)) fail(`${name} row ${i} points past the cells`);
      rows[i] = r;
    }
    place[`h3.${k}.rows`] = rows;
    place[`h3.${k}.area`] = Float64Array.from(h.area_km2);
  });
  const details: DetailsMeta = {
    id: c.id,
    name: c.name,
    community: c.community.values,
    coord_scale: c.lng.scale,
    h3: file.h3.map((h) => ({ resolution: h.resolution, cells: h.cells })),
  };
  const parts = {
    core: packPart('core', n, core, columns),
    figures,
    details: packPart('details', n, details, place),
  };
  return Object.fromEntries(EXPLORE_PARTS.map((p) => [p, parts[p]])) as Record<ExplorePart, Uint8Array>;
}
