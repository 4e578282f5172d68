/**
 * A small Mapbox Vector Tile v2 encoder (https://github.com/mapbox/vector-tile-spec/tree/master/2.1)
 * on top of pbf's writer. `encodeMvt` takes features already in tile coordinates; the message
 * helpers are exported for `point-tiles`, which writes its features from pre-encoded values.
 */
import { PbfWriter } from 'pbf';

/** Tile coordinates run from 0 to this along each axis. */
export const MVT_EXTENT = 4096;

/** MVT geometry types. */
export const MVT_POINT = 1;
export const MVT_LINESTRING = 2;
export const MVT_POLYGON = 3;

/** Field numbers of the vector_tile.proto messages. */
export const TILE_LAYERS = 3;
export const LAYER_NAME = 1;
export const LAYER_FEATURES = 2;
export const LAYER_KEYS = 3;
export const LAYER_VALUES = 4;
export const LAYER_EXTENT = 5;
export const LAYER_VERSION = 15;
export const FEATURE_ID = 1;
export const FEATURE_TAGS = 2;
export const FEATURE_TYPE = 3;
export const FEATURE_GEOMETRY = 4;

const PBF_BYTES = 2;

/** A value an MVT property can hold. */
export type MvtValue = string | number | boolean;

/**
 * Feature properties. null and undefined are left out (MVT has no null); arrays and objects
 * are written as their JSON text, as tippecanoe does.
 */
export type MvtProperties = Readonly<Record<string, unknown>>;

/** A feature in tile coordinates (0..extent, y down). */
export interface MvtFeature {
  type: typeof MVT_POINT | typeof MVT_LINESTRING | typeof MVT_POLYGON;
  /**
   * Flat `[x0, y0, x1, y1, …]` coordinate arrays. Points: all arrays together form one
   * (multi)point. Lines: one array per line. Polygons: one array per ring, each outer ring
   * clockwise on screen (positive area by the spec's surveyor's formula) followed by its
   * holes, counter-clockwise; a repeated closing point is optional.
   */
  geometry: readonly ArrayLike<number>[];
  properties?: MvtProperties | null;
  /** Written only when a non-negative safe integer; MVT ids are unsigned. */
  id?: number | string;
}

/** One named layer of a tile. */
export interface MvtLayer {
  name: string;
  features: readonly MvtFeature[];
  /** Default 4096. */
  extent?: number;
}

/**
 * Encodes layers into one uncompressed MVT tile. Layers without features are left out.
 * Pass a `writer` to reuse its buffer across tiles; the result then views that buffer, so
 * compress or copy it before the next call.
 */
export function encodeMvt(layers: readonly MvtLayer[], writer: PbfWriter = new PbfWriter()): Uint8Array {
  const layerWriter = new MvtLayerWriter(writer);
  for (const layer of layers) {
    if (layer.features.length === 0) continue;
    layerWriter.beginLayer(layer.name);
    for (const feature of layer.features) {
      layerWriter.beginFeature(feature.id);
      const properties = feature.properties;
      if (properties) for (const key in properties) layerWriter.property(key, properties[key]);
      layerWriter.endFeature(feature.type, feature.geometry);
    }
    layerWriter.endLayer(layer.extent);
  }
  return takeBytes(writer);
}

/**
 * The bytes written so far, as a view of the writer's buffer, and rewinds the writer. Unlike
 * pbf's `finish`, keeps the buffer's full capacity for the next tile.
 */
export function takeBytes(writer: PbfWriter): Uint8Array {
  const bytes = writer.buf.subarray(0, writer.pos);
  writer.pos = 0;
  return bytes;
}

/**
 * Writes layers into a tile feature by feature, for tilers that read each feature's properties
 * and geometry as they write it rather than building feature objects (line-tiles: a street
 * network's features, made as objects, outlived the young generation and grew the heap by
 * hundreds of MB). `encodeMvt` writes through one, so both give the same bytes. Per layer:
 * `beginLayer`, then per feature `beginFeature`, `property` for each pair, `endFeature`; then
 * `endLayer`. Take the tile with `takeBytes`.
 */
export class MvtLayerWriter {
  private readonly keys = new Map<string, number>();
  // One map per JS type so that 1, true and "1" stay distinct values.
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private readonly booleans = new Map<boolean, number>();
  private values: MvtValue[] = [];
  private layerStart = -1;
  private featureStart = -1;
  /** Where the feature's tags begin; -1 until its first property is written. */
  private tagsStart = -1;
  private readonly cursor = { x: 0, y: 0 };

  constructor(private readonly pbf: PbfWriter) {}

  /** Opens a layer; its keys and values start afresh. */
  beginLayer(name: string): void {
    this.keys.clear();
    this.strings.clear();
    this.numbers.clear();
    this.booleans.clear();
    this.values = [];
    this.layerStart = beginMessage(this.pbf, TILE_LAYERS);
    this.pbf.writeVarintField(LAYER_VERSION, 2);
    this.pbf.writeStringField(LAYER_NAME, name);
  }

  /** Opens a feature. Its id is written only when a non-negative safe integer (MVT ids are unsigned). */
  beginFeature(id?: number | string): void {
    this.featureStart = beginMessage(this.pbf, LAYER_FEATURES);
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0)
      this.pbf.writeVarintField(FEATURE_ID, id);
    this.tagsStart = -1;
  }

  /**
   * Adds a property to the open feature, in the order called; null and undefined are left out
   * (see `toMvtValue`). An arrow function, so it can be handed on as a sink.
   */
  readonly property = (key: string, raw: unknown): void => {
    const value = toMvtValue(raw);
    if (value === undefined) return;
    const pbf = this.pbf;
    if (this.tagsStart < 0) this.tagsStart = beginMessage(pbf, FEATURE_TAGS);
    let keyIndex = this.keys.get(key);
    if (keyIndex === undefined) {
      keyIndex = this.keys.size;
      this.keys.set(key, keyIndex);
    }
    pbf.writeVarint(keyIndex);
    pbf.writeVarint(
      typeof value === 'string'
        ? this.valueIndex(this.strings, value)
        : typeof value === 'number'
          ? this.valueIndex(this.numbers, value)
          : this.valueIndex(this.booleans, value),
    );
  };

  /**
   * Writes the geometry (see `MvtFeature.geometry`) and closes the feature. A feature whose
   * geometry collapsed entirely in quantisation is dropped rather than written empty (its keys
   * and values stay in the layer's tables); returns false then.
   */
  endFeature(type: MvtFeature['type'], geometry: readonly ArrayLike<number>[]): boolean {
    const pbf = this.pbf;
    if (this.tagsStart >= 0) endMessage(pbf, this.tagsStart);
    pbf.writeVarintField(FEATURE_TYPE, type);
    const geometryStart = beginMessage(pbf, FEATURE_GEOMETRY);
    this.cursor.x = 0;
    this.cursor.y = 0;
    writeGeometry(pbf, this.cursor, type, geometry);
    if (pbf.pos === geometryStart) {
      pbf.pos = this.featureStart - 2;
      return false;
    }
    endMessage(pbf, geometryStart);
    endMessage(pbf, this.featureStart);
    return true;
  }

  /** Writes the layer's keys, values and extent (default 4096) and closes it. */
  endLayer(extent: number = MVT_EXTENT): void {
    const pbf = this.pbf;
    for (const key of this.keys.keys()) pbf.writeStringField(LAYER_KEYS, key);
    for (const value of this.values) {
      const valueStart = beginMessage(pbf, LAYER_VALUES);
      writeValue(value, pbf);
      endMessage(pbf, valueStart);
    }
    pbf.writeVarintField(LAYER_EXTENT, extent);
    endMessage(pbf, this.layerStart);
  }

  private valueIndex<T extends MvtValue>(map: Map<T, number>, value: T): number {
    let index = map.get(value);
    if (index === undefined) {
      index = this.values.length;
      map.set(value, index);
      this.values.push(value);
    }
    return index;
  }
}

/**
 * The MVT form of a property value, or undefined when it is left out (null, undefined).
 * Arrays and objects become JSON text; bigint becomes its decimal text.
 */
export function toMvtValue(value: unknown): MvtValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      return value === null ? undefined : JSON.stringify(value);
    default:
      return undefined;
  }
}

/**
 * Writes the body of a Value message: safe integers as uint (non-negative) or sint, other
 * numbers as double so they read back exactly, strings and booleans as themselves.
 */
export function writeValue(value: MvtValue, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (Number.isSafeInteger(value)) {
    if (value >= 0) pbf.writeVarintField(5, value);
    else pbf.writeSVarintField(6, value);
  } else pbf.writeDoubleField(3, value);
}

function writeGeometry(
  pbf: PbfWriter,
  cursor: { x: number; y: number },
  type: MvtFeature['type'],
  geometry: readonly ArrayLike<number>[],
): void {
  if (type === MVT_POINT) {
    let count = 0;
    for (const part of geometry) count += part.length >> 1;
    pbf.writeVarint(commandInteger(1, count));
    for (const part of geometry) {
      for (let i = 0; i + 1 < part.length; i += 2) moveCursor(pbf, cursor, part[i]!, part[i + 1]!);
    }
    return;
  }
  const isPolygon = type === MVT_POLYGON;
  for (const ring of geometry) {
    const n = distinctPointCount(ring, isPolygon);
    // A ring or line that collapsed to nothing in quantisation is left out. (A hole cannot
    // outlive its outer ring this way: lying inside it, it collapses first.)
    if (isPolygon ? n < 3 || signedArea(ring) === 0 : n < 2) continue;
    writeRing(pbf, cursor, ring, n, isPolygon);
  }
}

/** Points of a line or ring after dropping consecutive repeats (and a polygon's closing point). */
function distinctPointCount(ring: ArrayLike<number>, isPolygon: boolean): number {
  let count = 0;
  let lastX = NaN;
  let lastY = NaN;
  const end = closedEnd(ring, isPolygon);
  for (let i = 0; i + 1 < end; i += 2) {
    const x = Math.round(ring[i]!);
    const y = Math.round(ring[i + 1]!);
    if (x !== lastX || y !== lastY) count++;
    lastX = x;
    lastY = y;
  }
  return count;
}

/** End of the coordinates to write: a polygon ring's closing point is implied by ClosePath. */
function closedEnd(ring: ArrayLike<number>, isPolygon: boolean): number {
  const n = ring.length - (ring.length & 1);
  if (isPolygon && n >= 4 && ring[0] === ring[n - 2] && ring[1] === ring[n - 1]) return n - 2;
  return n;
}

function writeRing(
  pbf: PbfWriter,
  cursor: { x: number; y: number },
  ring: ArrayLike<number>,
  count: number,
  isPolygon: boolean,
): void {
  const end = closedEnd(ring, isPolygon);
  let written = 0;
  for (let i = 0; i + 1 < end; i += 2) {
    const x = Math.round(ring[i]!);
    const y = Math.round(ring[i + 1]!);
    if (written > 0 && x === cursor.x && y === cursor.y) continue;
    if (written === 0) pbf.writeVarint(commandInteger(1, 1));
    else if (written === 1) pbf.writeVarint(commandInteger(2, count - 1));
    moveCursor(pbf, cursor, x, y);
    written++;
  }
  if (isPolygon) pbf.writeVarint(commandInteger(7, 1));
}

function moveCursor(pbf: PbfWriter, cursor: { x: number; y: number }, x: number, y: number): void {
  x = Math.round(x);
  y = Math.round(y);
  pbf.writeVarint(zigzag(x - cursor.x));
  pbf.writeVarint(zigzag(y - cursor.y));
  cursor.x = x;
  cursor.y = y;
}

/** Twice the ring's area by the spec's surveyor's formula: positive for outer rings (clockwise on screen). */
export function signedArea(ring: ArrayLike<number>): number {
  let sum = 0;
  const n = ring.length - (ring.length & 1);
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    sum += Math.round(ring[j]!) * Math.round(ring[i + 1]!) - Math.round(ring[i]!) * Math.round(ring[j + 1]!);
  }
  return sum;
}

/** A geometry command integer: id 1 MoveTo, 2 LineTo, 7 ClosePath, repeated `count` times. */
export function commandInteger(id: number, count: number): number {
  return (id & 0x7) | (count << 3);
}

/** Protobuf zigzag encoding of a signed integer, as geometry parameters use. */
export function zigzag(n: number): number {
  return n < 0 ? -2 * n - 1 : 2 * n;
}

/**
 * Starts a length-delimited field and returns where its body begins. One byte is reserved
 * for the length; `endMessage` makes room when the body turns out to need more.
 */
export function beginMessage(pbf: PbfWriter, tag: number): number {
  pbf.writeVarint((tag << 3) | PBF_BYTES);
  pbf.realloc(1);
  pbf.pos++;
  return pbf.pos;
}

/** Closes a field opened by `beginMessage`, writing its length. */
export function endMessage(pbf: PbfWriter, bodyStart: number): void {
  const length = pbf.pos - bodyStart;
  const extra = varintLength(length) - 1;
  if (extra > 0) {
    pbf.realloc(extra);
    pbf.buf.copyWithin(bodyStart + extra, bodyStart, pbf.pos);
  }
  pbf.pos = bodyStart - 1;
  pbf.writeVarint(length);
  pbf.pos += length;
}

function varintLength(n: number): number {
  let length = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    length++;
  }
  return length;
}
