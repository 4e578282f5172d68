/**
 * Reads the explore index's binary parts (layout: ./explore-binary.ts) into the typed arrays the
 * site computes on: years and months as `Uint32Array` (0: no value), measures and amounts as
 * `Float64Array` in yuan (NaN: no value), text as dictionary codes. Pure: bytes in, arrays out;
 * the site runs it in a Web Worker (src/explore/explore-worker.ts). Throws ExploreBinaryError
 * naming the part and column when the bytes are not what the layout says.
 */
import {
  ExploreBinaryError,
  U16_NONE,
  U32_NONE,
  U8_NONE,
  completionOf,
  unpackMonth,
  unpackPart,
  PLACE_FIELDS,
  type ColumnArray,
  type CoreMeta,
  type DetailsMeta,
  type Dictionary,
  type FiguresMeta,
  type UnpackedPart,
} from './explore-binary';
import { EXPLORE_COVERAGE_SCALE } from './explore-format';
import type { ExploreTotals } from './explore-totals';

/** A decoded dictionary column: `values[codes[i]]` is row i's value; code 0 is null. */
export interface DecodedText {
  readonly values: readonly (string | null)[];
  readonly codes: Uint16Array | Uint32Array;
}

/** A decoded bit-set column: bit `b` of `words[w][i]` ⇔ row i has `keys[w * 32 + b]`. */
export interface DecodedBits {
  readonly keys: readonly string[];
  readonly words: readonly Uint32Array[];
}

/** The core part decoded. */
export interface CoreColumns {
  readonly count: number;
  /** Text fields of the core part (every TEXT_FIELDS entry but `community`). */
  readonly text: Readonly<Record<string, DecodedText>>;
  readonly batchYear: Uint32Array;
  readonly yearBuilt: Uint32Array;
  /** `YYYYMM` (`MM = 00`: year only); 0 when not given. */
  readonly startMonth: Uint32Array;
  readonly completionMonth: Uint32Array;
  /** Funding and people totals of every row, from the header: the figures part is fetched later. */
  readonly totals: ExploreTotals;
  readonly items: DecodedBits;
  readonly isSynthetic: Uint8Array;
  /** Life-circle results; null when the build had no amenities. */
  readonly lifeCircles: {
    /** Bits 0, 1, 2: the 5-, 10- and 15-minute circles met; `U8_NONE`: no result. */
    readonly met: Uint8Array;
    /** 0..1, NaN without a result. */
    readonly coverage: Float64Array;
    readonly missingTypes: DecodedBits;
  } | null;
}

/** The figures part decoded: funding channels and people counts. */
export interface FiguresColumns {
  readonly count: number;
  /** NaN when not given. */
  readonly households: Float64Array;
  readonly residents: Float64Array;
  readonly buildings: Float64Array;
  /** Yuan per channel some row reports, NaN where the row does not; in file order. */
  readonly funds: readonly { field: string; values: Float64Array }[];
}

/** The details part decoded. */
export interface DetailsColumns {
  readonly count: number;
  readonly id: readonly string[];
  readonly name: readonly string[];
  readonly community: DecodedText;
  /** WGS84 degrees, to the build's fixed point (1e-5°). */
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  /** H3 cells per aggregate resolution, coarse to fine. */
  readonly h3: readonly {
    readonly resolution: number;
    readonly cells: readonly string[];
    readonly areaKm2: Float64Array;
    readonly cellOf: Uint32Array;
  }[];
}

function text(
  part: UnpackedPart<unknown>,
  label: string,
  name: string,
  values: Dictionary | undefined,
  n: number,
  // Codes already expanded (the places'), or read from the part's own column.
  raw: ColumnArray = part.column(`text.${name}`, ['u8', 'u16', 'u32'], n),
) {
  if (!Array.isArray(values)) throw new ExploreBinaryError(`${label}: dictionary of ${name} is missing`);
  const codes = raw instanceof Uint32Array ? raw : Uint16Array.from(raw);
  for (let i = 0; i < n; i++)
    if (codes[i]! >= values.length)
      throw new ExploreBinaryError(
        `${label}: column text.${name} row ${i} has code ${codes[i]} of ${values.length}`,
      );
  return { values, codes };
}

function widen(column: ColumnArray): Uint32Array {
  return column instanceof Uint32Array ? column : Uint32Array.from(column);
}

function measure(column: ColumnArray): Float64Array {
  if (column instanceof Float64Array) return column;
  const out = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) out[i] = column[i] === U32_NONE ? NaN : column[i]!;
  return out;
}

function bits(
  part: UnpackedPart<unknown>,
  label: string,
  prefix: string,
  keys: unknown,
  n: number,
): DecodedBits {
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))
    throw new ExploreBinaryError(`${label}: keys of ${prefix} are missing`);
  const words = Array.from({ length: Math.ceil(keys.length / 32) }, (_, w) =>
    widen(part.column(`${prefix}.${w}`, ['u8', 'u16', 'u32'], n)),
  );
  return { keys: keys as string[], words };
}

function totalsOf(value: unknown, label: string): ExploreTotals {
  const t = value as Partial<ExploreTotals> | undefined;
  const keys = ['households', 'residents', 'fundTotal', 'fundFiscal'] as const;
  const bad = keys.find((k) => typeof t?.[k] !== 'number');
  if (bad) throw new ExploreBinaryError(`${label}: header totals lack ${bad}`);
  return {
    households: t!.households!,
    residents: t!.residents!,
    fundTotal: t!.fundTotal!,
    fundFiscal: t!.fundFiscal!,
  };
}

/** Decodes the core part. `label` names the file in error messages. */
export function decodeCorePart(buffer: ArrayBuffer, label = 'explore core part'): CoreColumns {
  const part = unpackPart<CoreMeta>(buffer, 'core', label);
  const n = part.header.count;
  const meta = part.header.meta;
  if (typeof meta?.text !== 'object' || meta.text === null)
    throw new ExploreBinaryError(`${label}: no dictionaries`);
  const textColumns: Record<string, DecodedText> = {};
  const places = meta.places;
  if (!Number.isInteger(places) || places < 0) throw new ExploreBinaryError(`${label}: no place count`);
  const placeOf = part.column('place.rows', ['u8', 'u16', 'u32'], n);
  for (let i = 0; i < n; i++)
    if (placeOf[i]! >= places)
      throw new ExploreBinaryError(`${label}: place.rows row ${i} points past the ${places} places`);
  for (const field of PLACE_FIELDS) {
    const table = part.column(`place.${field}`, ['u8', 'u16', 'u32'], places);
    const codes = table instanceof Uint32Array ? new Uint32Array(n) : new Uint16Array(n);
    for (let i = 0; i < n; i++) codes[i] = table[placeOf[i]!]!;
    textColumns[field] = text(part, label, field, meta.text[field], n, codes);
  }
  for (const [field, values] of Object.entries(meta.text))
    if (!(field in textColumns)) textColumns[field] = text(part, label, field, values, n);
  const startPacked = part.column('start_month', ['u16'], n);
  const completionStored = part.column('completion_after_start', ['u16'], n);
  const startMonth = new Uint32Array(n);
  const completionMonth = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const start = startPacked[i]!;
    startMonth[i] = unpackMonth(start);
    completionMonth[i] = unpackMonth(completionOf(start, completionStored[i]!));
  }
  let lifeCircles: CoreColumns['lifeCircles'] = null;
  if (meta.missing_types) {
    const coverage = part.column('lc.coverage', ['u16'], n);
    lifeCircles = {
      // Copies, not views: a view would keep the whole file's buffer alive.
      met: (part.column('lc.met', ['u8'], n) as Uint8Array).slice(),
      coverage: Float64Array.from(coverage, (v) => (v === U16_NONE ? NaN : v / EXPLORE_COVERAGE_SCALE)),
      missingTypes: bits(part, label, 'lc.missing', meta.missing_types, n),
    };
  }
  return {
    count: n,
    text: textColumns,
    batchYear: widen(part.column('batch_year', ['u16'], n)),
    yearBuilt: widen(part.column('year_built', ['u16'], n)),
    startMonth,
    completionMonth,
    totals: totalsOf(meta.totals, label),
    items: bits(part, label, 'items', meta.items, n),
    isSynthetic: (part.column('is_synthetic', ['u8'], n) as Uint8Array).slice(),
    lifeCircles,
  };
}

/** Whether a row's life-circle flags say "no result". */
export const noLifeCircleResult = (met: number): boolean => met === U8_NONE;

/** Decodes the figures part, checking it has `count` rows like the core part. */
export function decodeFiguresPart(
  buffer: ArrayBuffer,
  count: number,
  label = 'explore figures part',
): FiguresColumns {
  const part = unpackPart<FiguresMeta>(buffer, 'figures', label);
  const n = part.header.count;
  if (n !== count)
    throw new ExploreBinaryError(`${label}: ${n} rows, the core part has ${count} (another build?)`);
  const meta = part.header.meta;
  if (typeof meta?.funds !== 'object' || meta.funds === null)
    throw new ExploreBinaryError(`${label}: no funding channels`);
  const funds = Object.entries(meta.funds).map(([field, unit]) => {
    const rows = part.column(`funds.${field}.rows`, ['u8'], Math.ceil(n / 8));
    let reported = 0;
    for (const byte of rows) for (let b = byte; b; b &= b - 1) reported++;
    const stored = measure(part.column(`funds.${field}.values`, ['u32', 'f64'], reported));
    const values = new Float64Array(n).fill(NaN);
    for (let i = 0, k = 0; i < n; i++) if (rows[i >> 3]! & (1 << (i & 7))) values[i] = stored[k++]! * unit;
    return { field, values };
  });
  return {
    count: n,
    households: measure(part.column('households', ['u32', 'f64'], n)),
    residents: measure(part.column('residents', ['u32', 'f64'], n)),
    buildings: measure(part.column('buildings', ['u32', 'f64'], n)),
    funds,
  };
}

/** Decodes the details part, checking it has `count` rows like the core part. */
export function decodeDetailsPart(
  buffer: ArrayBuffer,
  count: number,
  label = 'explore details part',
): DetailsColumns {
  const part = unpackPart<DetailsMeta>(buffer, 'details', label);
  const n = part.header.count;
  if (n !== count)
    throw new ExploreBinaryError(`${label}: ${n} rows, the core part has ${count} (another build?)`);
  const meta = part.header.meta;
  for (const key of ['id', 'name'] as const)
    if (!Array.isArray(meta?.[key]) || meta[key].length !== n)
      throw new ExploreBinaryError(
        `${label}: ${key} has ${meta?.[key]?.length ?? 'no'} values, expected ${n}`,
      );
  const scale = meta.coord_scale;
  if (!(scale > 0)) throw new ExploreBinaryError(`${label}: no coordinate scale`);
  const position = (name: string) => Float64Array.from(part.column(name, ['i32'], n), (v) => v / scale);
  return {
    count: n,
    id: meta.id,
    name: meta.name,
    community: text(part, label, 'community', meta.community, n),
    lng: position('lng'),
    lat: position('lat'),
    h3: (meta.h3 ?? []).map((h, k) => {
      const cellOf = widen(part.column(`h3.${k}.rows`, ['u8', 'u16', 'u32'], n));
      for (let i = 0; i < n; i++)
        if (cellOf[i]! >= h.cells.length)
          throw new ExploreBinaryError(`${label}: h3 r${h.resolution} row ${i} points past the cells`);
      return {
        resolution: h.resolution,
        cells: h.cells,
        areaKm2: (part.column(`h3.${k}.area`, ['f64'], h.cells.length) as Float64Array).slice(),
        cellOf,
      };
    }),
  };
}
