/**
 * The explore index as the site downloads it: binary, columnar, in parts. The build encodes the
 * logical columns of ./explore-format.ts (`ExploreFile`, from ./explore-encode.ts) with
 * ./explore-binary-write.ts; the site decodes them with ./explore-binary-read.ts, in a Web Worker
 * (src/explore/explore-worker.ts). Both sides import this module, so they cannot drift apart.
 *
 * Why binary and in parts: at national scale (220,000 communities) explore.json was 43 MB raw,
 * 12.3 MB gzip, all of it fetched and parsed before the first filter. Typed arrays with
 * dictionary-coded text gzip far smaller, decode without parsing text, and split by need:
 * - `core` (`explore-core.bin`): what the filters, the facet counts and the stage, progress,
 *   items and life-circle charts read, fetched when the page starts;
 * - `figures` (`explore-figures.bin`): the funding channels and the people counts (households,
 *   residents, buildings), fetched right after the core, in the background: at national scale
 *   they are more than half the core's gzip size (amounts in 万元 with two decimals are near
 *   their entropy), and the page is interactive without them;
 * - `details` (`explore-details.bin`): ids, names, 社区, positions and H3 cells of every row, for
 *   search, the table, a community's panel, the area tool and the map re-aggregated under a
 *   filter, fetched the first time one of them asks.
 *
 * Measured at national scale (220,000 rows; README "Explore index"), the core part is what the
 * first load cannot do without; the details are as large again and most visits never need them.
 *
 * Layout of one part, little-endian:
 *
 * | bytes          | content                                                                  |
 * | -------------- | ------------------------------------------------------------------------ |
 * | 4              | magic `RAEX` (ASCII)                                                     |
 * | 4              | u32 version, `EXPLORE_BINARY_VERSION`                                     |
 * | 4              | u32 H, byte length of the header                                         |
 * | H              | header, UTF-8 JSON (`PartHeader`): part, row count, columns, dictionaries |
 * | 0–7            | zero padding to a multiple of 8                                          |
 * | …              | the body: each column's values, each starting on a multiple of 8         |
 *
 * A column is `{type, offset, length}`: `length` values of `type` at `offset` bytes into the body.
 * Columns start on 8-byte boundaries so the reader views them in place, without copying, except
 * multi-byte integer columns, stored byte plane by byte plane (`ColumnSpec.shuffled`). Text
 * that repeats is a dictionary in the header plus a code column (code 0: no value); text that
 * does not (ids, names) is a string array in the header, which JSON.parse reads faster than any
 * hand-written UTF-8 decoder.
 */

import type { ExploreTotals } from './explore-totals';

/** Version of the binary layout; a reader refuses any other. */
export const EXPLORE_BINARY_VERSION = 3;

/** The parts, in the order the site needs them. */
export const EXPLORE_PARTS = ['core', 'figures', 'details'] as const;
/** One part of the explore index. */
export type ExplorePart = (typeof EXPLORE_PARTS)[number];

/**
 * File name of each part inside the data folder, as the build writes it. The site never uses
 * these names: it takes each part's path from the manifest (`explore.parts`).
 */
export const EXPLORE_PART_FILES: Readonly<Record<ExplorePart, string>> = {
  core: 'explore-core.bin',
  figures: 'explore-figures.bin',
  details: 'explore-details.bin',
};

/** Element type of a column. */
export type ColumnType = 'u8' | 'u16' | 'u32' | 'i32' | 'f32' | 'f64';

/** Where a column lies in the body. */
export interface ColumnSpec {
  type: ColumnType;
  /** Bytes from the start of the body; a multiple of 8. */
  offset: number;
  /** Number of values. */
  length: number;
  /**
   * Whether the bytes are stored as planes (every value's first byte, then every second byte, …):
   * integer columns are, because their high bytes repeat and gzip then finds them (about a fifth
   * smaller at national scale). Floats are not: their bytes do not split that way.
   */
  shuffled?: boolean;
}

/** The JSON header of a part. `meta` holds what the part's columns need to be read. */
export interface PartHeader<M> {
  part: ExplorePart;
  /** Rows (communities); every row column has this length. */
  count: number;
  columns: Record<string, ColumnSpec>;
  meta: M;
}

/** A dictionary: `values[code]`; `values[0]` is null, so code 0 means "no value". */
export type Dictionary = (string | null)[];

/** Missing value of a `u32` measure column (households, residents, buildings, fund amounts). */
export const U32_NONE = 0xffffffff;
/** Missing value of the `u16` coverage column. */
export const U16_NONE = 0xffff;
/** Missing value of the `u8` life-circle flags column. */
export const U8_NONE = 0xff;

/**
 * Month columns pack `YYYYMM` into 16 bits as `year × 16 + month` (month 0: year only), which
 * holds every year up to 4095; 0 is "no value".
 */
export const packMonth = (yyyymm: number): number => Math.floor(yyyymm / 100) * 16 + (yyyymm % 100);
/** `packMonth` undone: the `YYYYMM` code, or 0 for no value. */
export const unpackMonth = (packed: number): number => (packed ? (packed >> 4) * 100 + (packed & 15) : 0);

/** A row with a start but no completion, in the `completion_after_start` column. */
export const NO_COMPLETION = 0x8000;

/**
 * The `completion_after_start` column: a row's packed completion month as its distance from its
 * packed start month (mod 2^16), `NO_COMPLETION` when it has a start but no completion, and the
 * packed completion itself (0: none) when it has no start. Completions follow starts by a few
 * months to years, so the distances repeat and gzip finds them: 0.11 MB against 0.18 MB for the
 * packed months themselves at national scale. Undefined only for a completion 2048 years from
 * its start, which `completionAfterStart` refuses.
 */
export function completionAfterStart(start: number, completion: number): number | null {
  if (!start) return completion;
  if (!completion) return NO_COMPLETION;
  const distance = (completion - start) & 0xffff;
  return distance === NO_COMPLETION ? null : distance;
}

/** `completionAfterStart` undone: the packed completion month, 0 for none. */
export function completionOf(start: number, stored: number): number {
  if (!start) return stored;
  return stored === NO_COMPLETION ? 0 : (start + stored) & 0xffff;
}

/** The text fields stored as places (see `CoreMeta.places`), in triple order. */
export const PLACE_FIELDS = ['city', 'district', 'street'] as const;

/** Meta of the core part. */
export interface CoreMeta {
  /** Dictionary of each text field of the core part (every TEXT_FIELDS entry but `community`). */
  text: Record<string, Dictionary>;
  /**
   * Places: the distinct (city, district, street) triples, most frequent first. Their codes are
   * columns `place.city`, `place.district`, `place.street` (one value per triple) and each row
   * stores its triple's index (`place.rows`) rather than three codes: the three repeat together,
   * so one code per row is about half the size after gzip (0.38 MB against 0.84 MB at national
   * scale, 8,363 triples).
   */
  places: number;
  /** Item keys; bit b of word w is key `items[w * 32 + b]`. */
  items: string[];
  /** Amenity types of the missing-types bit set; null when the build had no amenities. */
  missing_types: string[] | null;
  /**
   * Funding and people totals of every row (./explore-totals.ts), from the figures part: what
   * the first, unfiltered view shows before that part has arrived.
   */
  totals: ExploreTotals;
}

/** Meta of the figures part (columns `households`, `residents`, `buildings`, `funds.*`). */
export interface FiguresMeta {
  /** Funding channels some row reports: field → unit (a stored amount × unit = yuan). */
  funds: Record<string, number>;
}

/** Meta of the details part. */
export interface DetailsMeta {
  id: string[];
  name: string[];
  /** Dictionary of the `community` field (社区). */
  community: Dictionary;
  /** Fixed-point scale of the `lng` and `lat` columns (i32). */
  coord_scale: number;
  /** One entry per aggregate resolution, coarse to fine: its H3 cells, most populous first. */
  h3: { resolution: number; cells: string[] }[];
}

/** The file is not an explore part this reader understands; the message says what is wrong. */
export class ExploreBinaryError extends Error {
  override name = 'ExploreBinaryError';
}

const MAGIC = [0x52, 0x41, 0x45, 0x58]; // 'RAEX'
const PREAMBLE_BYTES = 12;
const ALIGN = 8;

/** A typed array of any column type. */
export type ColumnArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

const CONSTRUCTORS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
} as const;

function typeOf(array: ColumnArray): ColumnType {
  if (array instanceof Uint8Array) return 'u8';
  if (array instanceof Uint16Array) return 'u16';
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Int32Array) return 'i32';
  if (array instanceof Float32Array) return 'f32';
  return 'f64';
}

const alignUp = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

const shuffles = (type: ColumnType) => type === 'u16' || type === 'u32' || type === 'i32';

/** Values' bytes into byte planes. */
function shuffle(bytes: Uint8Array, width: number): Uint8Array {
  const n = bytes.length / width;
  const out = new Uint8Array(bytes.length);
  for (let k = 0; k < width; k++) for (let i = 0; i < n; i++) out[k * n + i] = bytes[i * width + k]!;
  return out;
}

/** Byte planes back into values' bytes. */
function unshuffle(planes: Uint8Array, width: number): Uint8Array {
  const n = planes.length / width;
  const out = new Uint8Array(planes.length);
  for (let k = 0; k < width; k++) for (let i = 0; i < n; i++) out[i * width + k] = planes[k * n + i]!;
  return out;
}

// Columns are viewed in place, so the bytes must be in the machine's order. Every browser and
// Node runs little-endian today; a big-endian one is refused rather than misread.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Packs a part: the header (with its column table filled in) and the columns' bytes. */
export function packPart<M>(
  part: ExplorePart,
  count: number,
  meta: M,
  columns: Readonly<Record<string, ColumnArray>>,
): Uint8Array {
  if (!LITTLE_ENDIAN) throw new ExploreBinaryError('explore parts are little-endian; this machine is not');
  const specs: Record<string, ColumnSpec> = {};
  let body = 0;
  for (const [name, array] of Object.entries(columns)) {
    const type = typeOf(array);
    specs[name] = { type, offset: body, length: array.length, ...(shuffles(type) ? { shuffled: true } : {}) };
    body = alignUp(body + array.byteLength);
  }
  const header: PartHeader<M> = { part, count, columns: specs, meta };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = alignUp(PREAMBLE_BYTES + json.length);
  const bytes = new Uint8Array(start + body);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint32(4, EXPLORE_BINARY_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, PREAMBLE_BYTES);
  for (const [name, array] of Object.entries(columns)) {
    const raw = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    const spec = specs[name]!;
    bytes.set(spec.shuffled ? shuffle(raw, array.BYTES_PER_ELEMENT) : raw, start + spec.offset);
  }
  return bytes;
}

/** A part read back: its header and a view of each column. */
export interface UnpackedPart<M> {
  header: PartHeader<M>;
  /** The named column, checked to be of one of `types` and `length` long; throws otherwise. */
  column(name: string, types: readonly ColumnType[], length: number): ColumnArray;
}

/**
 * Reads a part's header and gives views of its columns (no copy). Throws ExploreBinaryError when
 * the bytes are not a part of this version, or are not the `expected` part.
 */
export function unpackPart<M>(buffer: ArrayBuffer, expected: ExplorePart, label: string): UnpackedPart<M> {
  const fail = (what: string): never => {
    throw new ExploreBinaryError(`${label}: ${what}`);
  };
  if (!LITTLE_ENDIAN) fail('explore parts are little-endian; this machine is not');
  if (buffer.byteLength < PREAMBLE_BYTES) fail(`${buffer.byteLength} bytes is too short for an explore part`);
  const bytes = new Uint8Array(buffer);
  if (MAGIC.some((b, k) => bytes[k] !== b)) fail('not an explore part (no RAEX magic)');
  const view = new DataView(buffer);
  const version = view.getUint32(4, true);
  if (version !== EXPLORE_BINARY_VERSION)
    fail(`version ${version} is not supported (expected ${EXPLORE_BINARY_VERSION})`);
  const headerBytes = view.getUint32(8, true);
  if (PREAMBLE_BYTES + headerBytes > buffer.byteLength) fail('the header runs past the end of the file');
  let header: PartHeader<M>;
  try {
    header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerBytes)),
    ) as PartHeader<M>;
  } catch (e) {
    return fail(`the header is not JSON (${(e as Error).message})`);
  }
  if (header.part !== expected) fail(`is the ${String(header.part)} part, expected ${expected}`);
  if (!Number.isInteger(header.count) || header.count < 0)
    fail(`count ${String(header.count)} is not a row count`);
  const start = alignUp(PREAMBLE_BYTES + headerBytes);
  const columns = header.columns ?? {};
  return {
    header,
    column(name, types, length) {
      const spec = columns[name];
      if (!spec) return fail(`column ${name} is missing`);
      if (!types.includes(spec.type)) fail(`column ${name} is ${spec.type}, expected ${types.join(' or ')}`);
      if (spec.length !== length) fail(`column ${name} has ${spec.length} values, expected ${length}`);
      const Typed = CONSTRUCTORS[spec.type];
      const end = start + spec.offset + spec.length * Typed.BYTES_PER_ELEMENT;
      if (spec.offset % ALIGN !== 0 || end > buffer.byteLength)
        fail(`column ${name} lies outside the file (offset ${spec.offset}, ${spec.length} values)`);
      if (!spec.shuffled) return new Typed(buffer, start + spec.offset, spec.length);
      const planes = new Uint8Array(buffer, start + spec.offset, spec.length * Typed.BYTES_PER_ELEMENT);
      return new Typed(unshuffle(planes, Typed.BYTES_PER_ELEMENT).buffer as ArrayBuffer);
    },
  };
}

/** The smallest unsigned type that holds codes below `size`. */
export function codeArray(size: number, length: number): Uint8Array | Uint16Array | Uint32Array {
  return size <= 0x100
    ? new Uint8Array(length)
    : size <= 0x10000
      ? new Uint16Array(length)
      : new Uint32Array(length);
}
