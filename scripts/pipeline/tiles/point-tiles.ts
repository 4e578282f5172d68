/**
 * Point layers to gzipped MVT tiles. Every point is in the tiles of the maximum zoom; below it
 * points are thinned on a grid, most important first, and each survivor carries a `density`
 * property: how many input points it stands for. Built for 10^5–10^6 points with dozens of
 * properties: each value is encoded once, tiles are written from typed arrays by copying
 * bytes, and gzip runs on worker threads (`TileCompressor`).
 */
import { PbfWriter } from 'pbf';
import { zxyToTileId } from 'pmtiles';
import {
  FEATURE_GEOMETRY,
  FEATURE_TAGS,
  FEATURE_TYPE,
  LAYER_EXTENT,
  LAYER_FEATURES,
  LAYER_KEYS,
  LAYER_NAME,
  LAYER_VALUES,
  LAYER_VERSION,
  MVT_EXTENT,
  MVT_POINT,
  TILE_LAYERS,
  beginMessage,
  commandInteger,
  endMessage,
  takeBytes,
  toMvtValue,
  writeValue,
  type MvtValue,
} from './mvt-encode';
import { compressTiles } from './tile-compressor';
import { grown } from '../grown-array';
import { fieldType, typeBit, zoomRange, type TileSet } from './tile-set';

/** One point to tile. Property values that are null or undefined are left out. */
export interface TilePoint {
  lng: number;
  lat: number;
  properties: Readonly<Record<string, unknown>> | null;
  /**
   * Importance for thinning, when the caller already knows it. Saves reading `properties` a
   * second time, which matters when they are computed on access.
   */
  priority?: number;
}

/**
 * Points read by index rather than held as one object each: 220,000 point objects with lazy
 * properties held ~140 MB through the tile step. Each accessor is called once per point, in
 * no particular order, except `properties`, also read for a sample of 256 points to size tables.
 */
export interface PointSource {
  count: number;
  /** WGS84 degrees. */
  lng(i: number): number;
  lat(i: number): number;
  /** Importance for thinning when known without the properties (see `TilePoint.priority`). */
  priority?(i: number): number | undefined;
  /** Point i's properties; null or undefined values are left out. */
  properties(i: number): Readonly<Record<string, unknown>> | null;
  /**
   * Point i's properties handed to `sink` pair by pair, in `properties(i)`'s key order, when the
   * source can do that without building the object; the tiler then encodes them from here.
   */
  eachProperty?(i: number, sink: (key: string, value: unknown) => void): void;
}

/** What `tilePoints` takes: point objects, or a `PointSource`. */
export type TilePoints = readonly TilePoint[] | PointSource;

/** A `PointSource` reading point objects. */
export function pointSource(points: TilePoints): PointSource {
  if (!Array.isArray(points)) return points as PointSource;
  const list = points as readonly TilePoint[];
  return {
    count: list.length,
    lng: (i) => list[i]!.lng,
    lat: (i) => list[i]!.lat,
    priority: (i) => list[i]!.priority,
    properties: (i) => list[i]!.properties,
  };
}

/** Options of `tilePoints`. */
export interface PointTileOptions {
  /** MVT layer name. */
  layer: string;
  /** Default 0. */
  minZoom?: number;
  /** Every point is kept at this zoom. Default 14; at most 18. */
  maxZoom?: number;
  /**
   * Cap on features per tile below maxZoom, met by coarsening that tile's grid. Default 2048:
   * on the 220,000-community benchmark the largest tile is then ~70 KB gzipped with ten
   * low-zoom properties and ~280 KB with all forty, under tippecanoe's 500 KB limit, and a
   * screenful of such tiles is a few tens of thousands of circles, which MapLibre draws easily.
   */
  maxFeaturesPerTile?: number;
  /**
   * Coarsen a tile's grid (halving its cells' count per side) until it holds at most
   * maxFeaturesPerTile features, like tippecanoe's --drop-densest-as-needed. When false, only
   * the base grid thins. Default true.
   */
  dropDensest?: boolean;
  /** Properties kept below maxZoom, to keep low-zoom tiles small. Default: all. `density` is always kept. */
  lowZoomProperties?: readonly string[];
  /**
   * Importance: when several points share a grid cell the highest keeps it, ties going to the
   * earlier input point. Default: the `households` property (0 when absent).
   */
  priority?: (properties: Readonly<Record<string, unknown>>) => number;
  /**
   * Grid cells per tile side below maxZoom, a power of two up to 1024. Default 64: on a
   * 512 px tile a cell is 8 px, so thinning merges only dots that would overlap.
   */
  gridSize?: number;
  /** zlib level for tiles. Default 6, zlib's own default. */
  gzipLevel?: number;
  /** Threads that gzip tiles (see `TileCompressor`). Default: one fewer than the CPUs; 0 for none. */
  workers?: number;
  /**
   * Keep the gzipped tiles in a temporary file rather than in memory (`TileSpool`), for sets
   * too large to hold. Default false.
   */
  spool?: boolean;
}

/** The property every feature gets: how many input points it stands for (1 at maxZoom). */
export const DENSITY_PROPERTY = 'density';

const DEFAULT_MAX_FEATURES_PER_TILE = 2048;
const DEFAULT_GRID_SIZE = 64;
/** Highest maxZoom: world coordinates (zoom + 12 bits of tile extent) must fit 30 bits for `>>>`. */
const MAX_SUPPORTED_ZOOM = 18;
const EXTENT_BITS = 12; // log2(MVT_EXTENT)
/** Distinct values a property may add before the table checks whether it repeats at all. */
const DISTINCT_PROBE = 4096;
/** Web Mercator's latitude limit. */
const MAX_LATITUDE = 85.0511287798066;

const defaultPriority = (properties: Readonly<Record<string, unknown>>): number => {
  const households = properties.households;
  return typeof households === 'number' ? households : 0;
};

/**
 * Tiles points into gzipped MVT tiles keyed by PMTiles tile id, for zooms minZoom..maxZoom.
 * At maxZoom each point lies in exactly one tile (no buffer: dots are drawn across tile edges
 * by MapLibre and deck.gl, and a duplicated point would be counted twice). Below it, each tile
 * keeps at most one point per grid cell, the most important by `priority`; the points kept at
 * a zoom are a subset of those kept one zoom deeper, so dots do not jump while zooming. Each
 * kept point's `density` is the number of input points its cell absorbed, so densities in a
 * tile sum to the number of input points inside it.
 */
export function tilePoints(input: TilePoints, opts: PointTileOptions): TileSet {
  const points = pointSource(input);
  const { minZoom, maxZoom } = zoomRange('tilePoints', opts, MAX_SUPPORTED_ZOOM);
  const maxFeatures = opts.maxFeaturesPerTile ?? DEFAULT_MAX_FEATURES_PER_TILE;
  const dropDensest = opts.dropDensest ?? true;
  const gridSize = opts.gridSize ?? DEFAULT_GRID_SIZE;
  const gzipLevel = opts.gzipLevel ?? 6;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1)
    throw new Error(`tilePoints maxFeaturesPerTile must be a positive integer, got ${maxFeatures}`);
  const gridLevel = Math.log2(gridSize);
  if (!Number.isInteger(gridLevel) || gridLevel < 0 || gridLevel > 10)
    throw new Error(`tilePoints gridSize must be a power of two from 1 to 1024, got ${gridSize}`);

  const n = points.count;
  const { wx, wy } = project(points, maxZoom);
  const table = new PropertyTable(points, opts.lowZoomProperties);
  const { order, rank } = priorityOrder(points, opts.priority ?? defaultPriority);
  const encoder = new PointTileEncoder(opts.layer, table, wx, wy);

  const featuresPerZoom: Record<number, number> = {};
  const dropped: Record<number, number> = {};

  // Densities of the candidates (zoom z + 1) and of the points kept at z.
  let density = new Uint32Array(n).fill(1);
  let nextDensity = new Uint32Array(n);
  // Work arrays allocated once: large typed arrays live outside the JS heap and each new one
  // nudges V8 towards a full collection, which walks the caller's whole input.
  let candidates = order.slice(); // at maxZoom every point
  let candidateCount = n;
  let kept = new Uint32Array(n);
  const sortKeys = new Float64Array(n);
  const sorted = new Uint32Array(n);
  const cellStamp = new Uint32Array(1 << (2 * gridLevel));
  const cellWinner = new Uint32Array(1 << (2 * gridLevel));
  let stamp = 0;

  const compression = { level: gzipLevel, workers: opts.workers, spool: opts.spool ?? false };
  const { tiles, bytes } = compressTiles(compression, (compressor) => {
    for (let z = maxZoom; z >= minZoom; z--) {
      const tileShift = maxZoom + EXTENT_BITS - z; // world coordinate → tile coordinate at z
      const localShift = maxZoom - z; // world coordinate → tile-local 0..4095 at z
      groupByTile(candidates, candidateCount, wx, wy, tileShift, z, rank, order, sortKeys, sorted);
      let keptCount = 0;

      for (let start = 0; start < candidateCount;) {
        const first = sorted[start]!;
        const tx = wx[first]! >>> tileShift;
        const ty = wy[first]! >>> tileShift;
        let end = start + 1;
        while (
          end < candidateCount &&
          wx[sorted[end]!]! >>> tileShift === tx &&
          wy[sorted[end]!]! >>> tileShift === ty
        )
          end++;

        const tileStart = keptCount;
        if (z === maxZoom) {
          for (let i = start; i < end; i++) {
            const p = sorted[i]!;
            nextDensity[p] = density[p]!;
            kept[keptCount++] = p;
          }
        } else {
          // Claim cells in priority order; coarsen the grid while the tile holds too many points.
          for (let level = gridLevel; ; level--) {
            const cellShift = EXTENT_BITS - level;
            stamp++;
            keptCount = tileStart;
            for (let i = start; i < end; i++) {
              const p = sorted[i]!;
              const cx = ((wx[p]! >>> localShift) & (MVT_EXTENT - 1)) >>> cellShift;
              const cy = ((wy[p]! >>> localShift) & (MVT_EXTENT - 1)) >>> cellShift;
              const cell = (cy << level) | cx;
              if (cellStamp[cell] !== stamp) {
                cellStamp[cell] = stamp;
                cellWinner[cell] = p;
                nextDensity[p] = density[p]!;
                kept[keptCount++] = p;
              } else {
                const winner = cellWinner[cell]!;
                nextDensity[winner] = nextDensity[winner]! + density[p]!;
              }
            }
            if (!dropDensest || keptCount - tileStart <= maxFeatures || level === 0) break;
          }
        }

        const tile = encoder.encode(
          kept.subarray(tileStart, keptCount),
          nextDensity,
          localShift,
          z === maxZoom,
        );
        compressor.add(zxyToTileId(z, tx, ty), tile);
        start = end;
      }

      featuresPerZoom[z] = keptCount;
      dropped[z] = n - keptCount;
      [candidates, kept] = [kept, candidates];
      candidateCount = keptCount;
      [density, nextDensity] = [nextDensity, density];
    }
  });

  return {
    tiles,
    stats: { tiles: tiles.size, bytes, featuresPerZoom, dropped },
    vectorLayer: { id: opts.layer, minzoom: minZoom, maxzoom: maxZoom, fields: table.fields() },
  };
}

/** Web Mercator world coordinates at maxZoom in units of 1/4096 tile, floored. */
function project(points: PointSource, maxZoom: number): { wx: Uint32Array; wy: Uint32Array } {
  const world = 2 ** (maxZoom + EXTENT_BITS);
  const wx = new Uint32Array(points.count);
  const wy = new Uint32Array(points.count);
  for (let i = 0; i < points.count; i++) {
    const lng = points.lng(i);
    const lat = points.lat(i);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90)
      throw new Error(`tilePoints: point ${i} has coordinates outside WGS84 (lng ${lng}, lat ${lat})`);
    const sin = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
    const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
    wx[i] = Math.min(world - 1, Math.max(0, Math.floor(((lng + 180) / 360) * world)));
    wy[i] = Math.min(world - 1, Math.max(0, Math.floor(y * world)));
  }
  return { wx, wy };
}

/** Point indices from most to least important, and each point's position in that order. */
function priorityOrder(
  points: PointSource,
  priority: NonNullable<PointTileOptions['priority']>,
): { order: Uint32Array; rank: Uint32Array } {
  const n = points.count;
  const value = new Float64Array(n);
  const empty = {};
  for (let i = 0; i < n; i++) {
    const v = points.priority?.(i) ?? Number(priority(points.properties(i) ?? empty));
    value[i] = Number.isNaN(v) ? -Infinity : v;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (value[a] === value[b] ? a - b : value[b]! > value[a]! ? 1 : -1));
  const rank = new Uint32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]!] = r;
  return { order, rank };
}

/**
 * Writes into `sorted` the candidates grouped by tile at zoom z, most important first within
 * each tile. Packs (tile, rank) into one float so a native numeric sort does the work; falls
 * back to a comparator where the pack would exceed 53 bits.
 */
function groupByTile(
  candidates: Uint32Array,
  count: number,
  wx: Uint32Array,
  wy: Uint32Array,
  tileShift: number,
  z: number,
  rank: Uint32Array,
  order: Uint32Array,
  sortKeys: Float64Array,
  sorted: Uint32Array,
): void {
  const rankScale = 2 ** Math.max(1, Math.ceil(Math.log2(order.length + 1)));
  if (2 * z + Math.log2(rankScale) <= 53) {
    const keys = sortKeys.subarray(0, count);
    const side = 2 ** z;
    for (let i = 0; i < count; i++) {
      const p = candidates[i]!;
      keys[i] = ((wx[p]! >>> tileShift) * side + (wy[p]! >>> tileShift)) * rankScale + rank[p]!;
    }
    keys.sort();
    for (let i = 0; i < count; i++) sorted[i] = order[keys[i]! % rankScale]!;
    return;
  }
  sorted.set(candidates.subarray(0, count));
  sorted
    .subarray(0, count)
    .sort(
      (a, b) =>
        (wx[a]! >>> tileShift) - (wx[b]! >>> tileShift) ||
        (wy[a]! >>> tileShift) - (wy[b]! >>> tileShift) ||
        rank[a]! - rank[b]!,
    );
}

/** Pair values with this bit set index `PropertyTable.unique`, otherwise `PropertyTable.shared`. */
const UNIQUE = 0x80000000;

/** Encoded MVT `values` fields one after another; value i spans offsets[i]..offsets[i + 1]. */
class ValueStore {
  readonly bytes = new PbfWriter(new Uint8Array(1 << 16));
  offsets = new Uint32Array(1 << 12);
  count = 0;

  /** Appends a value and returns its index. */
  append(value: MvtValue): number {
    const index = this.count++;
    const start = beginMessage(this.bytes, LAYER_VALUES);
    writeValue(value, this.bytes);
    endMessage(this.bytes, start);
    if (index + 1 >= this.offsets.length) this.offsets = grown(this.offsets, this.offsets.length * 2);
    this.offsets[index + 1] = this.bytes.pos;
    return index;
  }
}

/**
 * Every point's properties as (key, value) index pairs into tables of pre-encoded MVT
 * bytes, so a tile is written by copying bytes rather than re-encoding values per tile.
 * A point's pairs are added when its maxZoom tile is written (`ensure`), so building the table
 * overlaps with the workers gzipping the first tiles instead of holding them up.
 *
 * Values of a property that repeats (stage, city, year, flags) are stored once, in `shared`.
 * A property whose values are nearly all distinct (id, name, amounts) is detected after its
 * first few thousand values; from then on its values go to `unique` as they come, without a
 * lookup (hashing two million distinct values cost more than the rest of the tiling), and a
 * tile needs no de-duplication for them either.
 */
class PropertyTable {
  readonly keys: string[] = [];
  /** Encoded layer `keys` fields (tag, length, UTF-8), one after another; key k spans keyOffsets[k]..[k+1]. */
  readonly keyBytes = new PbfWriter();
  readonly keyOffsets: number[] = [0];
  /** Repeating values, each stored once; grows while tiles are written (densities). */
  readonly shared = new ValueStore();
  /** Values of mostly-distinct properties, one entry per occurrence. */
  readonly unique = new ValueStore();
  /** Point i's pairs are pairKey/pairValue[pairStart[i]..pairEnd[i]), once `ensure(i)` ran. */
  readonly pairStart: Uint32Array;
  readonly pairEnd: Uint32Array;
  pairKey: Uint16Array;
  /** An index into `shared`, or into `unique` with the UNIQUE bit set. */
  pairValue: Uint32Array;
  /** 1 where the key is kept below maxZoom. */
  lowZoomKey = new Uint8Array(64);
  /** Key 0. */
  readonly densityKey: number;

  private pairCount = 0;
  /** The point `ensure` is adding, and how many of its pairs are in. */
  private point = 0;
  private position = 0;
  /** 1 once a point's pairs are in. */
  private readonly added: Uint8Array;
  private readonly keyIndex = new Map<string, number>();
  private readonly keyTypes: number[] = [];
  /** Per key: values seen, values it added to `shared`, and whether its values are still looked up. */
  private readonly seen: number[] = [];
  private readonly distinct: number[] = [];
  private readonly interned: boolean[] = [];
  /** Map keys keep 1, "1" and true apart. */
  private readonly sharedIndex = new Map<MvtValue, number>();
  /** Points built by one piece of code list keys in one order: the key last seen at each position skips a Map lookup. */
  private readonly keyAt: string[] = [];
  private readonly indexAt: number[] = [];
  private readonly lowZoom: ReadonlySet<string> | undefined;

  constructor(
    private readonly points: PointSource,
    lowZoomProperties: readonly string[] | undefined,
  ) {
    const n = points.count;
    this.pairStart = new Uint32Array(n);
    this.pairEnd = new Uint32Array(n);
    this.added = new Uint8Array(n);
    const capacity = Math.max(1024, Math.ceil(n * 1.1 * averagePropertyCount(points)));
    this.pairKey = new Uint16Array(capacity);
    this.pairValue = new Uint32Array(capacity);
    this.lowZoom = lowZoomProperties ? new Set(lowZoomProperties) : undefined;
    this.densityKey = this.addKey(DENSITY_PROPERTY);
    this.keyTypes[this.densityKey] = typeBit(0);
  }

  /** Adds point p's pairs unless already there. */
  ensure(p: number): void {
    if (this.added[p]) return;
    this.added[p] = 1;
    this.point = p;
    this.position = 0;
    this.pairStart[p] = this.pairCount;
    const { points } = this;
    if (points.eachProperty) points.eachProperty(p, this.addPair);
    else {
      const properties = points.properties(p);
      if (properties) for (const key in properties) this.addPair(key, properties[key]);
    }
    this.pairEnd[p] = this.pairCount;
  }

  /** Adds one pair of the point being added; bound once, so a source can call it for every pair. */
  private readonly addPair = (key: string, raw: unknown): void => {
    const value = toMvtValue(raw);
    if (value === undefined) return;
    const count = this.pairCount;
    if (count === this.pairValue.length) {
      this.pairKey = grown(this.pairKey, count * 2);
      this.pairValue = grown(this.pairValue, count * 2);
    }
    const position = this.position++;
    let k: number;
    if (this.keyAt[position] === key) k = this.indexAt[position]!;
    else {
      k = this.keyIndex.get(key) ?? this.addKey(key);
      if (k === this.densityKey)
        throw new Error(
          `tilePoints: point ${this.point} has a "${DENSITY_PROPERTY}" property; the tiler writes it`,
        );
      this.keyAt[position] = key;
      this.indexAt[position] = k;
    }
    this.keyTypes[k]! |= typeBit(value);
    this.pairKey[count] = k;
    this.pairValue[count] = this.propertyValue(k, value);
    this.pairCount = count + 1;
  };

  /** Index in `shared` of a value (a density), adding it when new. */
  sharedValue(value: MvtValue): number {
    let index = this.sharedIndex.get(value);
    if (index === undefined) {
      index = this.shared.append(value);
      this.sharedIndex.set(value, index);
    }
    return index;
  }

  /** vector_layers fields in first-seen order (maxZoom tile order), `density` first. */
  fields(): Record<string, ReturnType<typeof fieldType>> {
    return Object.fromEntries(this.keys.map((key, k) => [key, fieldType(this.keyTypes[k]!)]));
  }

  private propertyValue(k: number, value: MvtValue): number {
    const seen = ++this.seen[k]!;
    if (!this.interned[k]) return (this.unique.append(value) | UNIQUE) >>> 0;
    let index = this.sharedIndex.get(value);
    if (index === undefined) {
      index = this.shared.append(value);
      this.sharedIndex.set(value, index);
      const distinct = ++this.distinct[k]!;
      // Mostly distinct so far: stop looking this property's values up.
      if (distinct > DISTINCT_PROBE && distinct * 2 > seen) this.interned[k] = false;
    }
    return index;
  }

  private addKey(key: string): number {
    const k = this.keys.length;
    if (k > 0xffff) throw new Error(`tilePoints: more than 65,536 distinct property names`);
    this.keys.push(key);
    this.keyIndex.set(key, k);
    this.keyTypes.push(0);
    this.seen.push(0);
    this.distinct.push(0);
    this.interned.push(true);
    this.keyBytes.writeStringField(LAYER_KEYS, key);
    this.keyOffsets.push(this.keyBytes.pos);
    if (k >= this.lowZoomKey.length) this.lowZoomKey = grown(this.lowZoomKey, this.lowZoomKey.length * 2);
    this.lowZoomKey[k] = !this.lowZoom || this.lowZoom.has(key) || key === DENSITY_PROPERTY ? 1 : 0;
    return k;
  }
}

/** Properties per point, from a sample, to size the pair arrays once. */
function averagePropertyCount(points: PointSource): number {
  const step = Math.max(1, Math.floor(points.count / 256));
  let sampled = 0;
  let total = 0;
  for (let i = 0; i < points.count; i += step) {
    const properties = points.properties(i);
    if (properties) for (const key in properties) if (properties[key] != null) total++;
    sampled++;
  }
  return sampled ? total / sampled : 0;
}

/** Writes one point layer per tile, reusing its buffers and index arrays across tiles. */
class PointTileEncoder {
  private readonly pbf = new PbfWriter(new Uint8Array(1 << 16));
  private tileStamp = 0;
  private keyStamp = new Uint32Array(64);
  private keyLocal = new Uint32Array(64);
  private localKeys = new Uint32Array(64);
  private sharedStamp = new Uint32Array(4096);
  private sharedLocal = new Uint32Array(4096);
  /** The tile's values in local order, as pair values (UNIQUE bit and index). */
  private localValues = new Uint32Array(1024);
  /** Shared index of small densities, which nearly every feature needs; -1 until first used. */
  private readonly densityValue = new Int32Array(4096).fill(-1);

  constructor(
    private readonly layer: string,
    private readonly table: PropertyTable,
    private readonly wx: Uint32Array,
    private readonly wy: Uint32Array,
  ) {}

  /** The uncompressed tile holding `members` (point indices), each with its density; valid until the next call. */
  encode(members: Uint32Array, density: Uint32Array, localShift: number, allProperties: boolean): Uint8Array {
    const { pbf, table } = this;
    for (let m = 0; m < members.length; m++) table.ensure(members[m]!);
    for (let m = 0; m < members.length; m++) this.densityValueIndex(density[members[m]!]!);
    // The table may have grown: size the per-tile index arrays to it.
    if (this.keyStamp.length < table.keys.length) {
      const length = table.keys.length * 2;
      [this.keyStamp, this.keyLocal, this.localKeys] = [
        grown(this.keyStamp, length),
        new Uint32Array(length),
        new Uint32Array(length),
      ];
    }
    if (this.sharedStamp.length < table.shared.count) {
      this.sharedStamp = grown(this.sharedStamp, table.shared.count * 2);
      this.sharedLocal = new Uint32Array(table.shared.count * 2);
    }
    const { keyStamp, keyLocal, localKeys, sharedStamp, sharedLocal } = this;
    const { pairStart, pairEnd, pairKey, pairValue, lowZoomKey, densityKey } = table;
    const stamp = ++this.tileStamp;
    let keyCount = 0;
    let valueCount = 0;
    const { wx, wy } = this;

    const layerStart = beginMessage(pbf, TILE_LAYERS);
    pbf.writeVarintField(LAYER_VERSION, 2);
    pbf.writeStringField(LAYER_NAME, this.layer);
    for (let m = 0; m < members.length; m++) {
      const p = members[m]!;
      const first = pairStart[p]!;
      const end = pairEnd[p]!;
      const featureStart = beginMessage(pbf, LAYER_FEATURES);
      const tagsStart = beginMessage(pbf, FEATURE_TAGS);
      // Room for every tag as two 5-byte varints, so the loop can write bytes directly.
      pbf.realloc((end - first + 1) * 10);
      if (valueCount + end - first + 1 > this.localValues.length)
        this.localValues = grown(this.localValues, (valueCount + end - first + 1) * 2);
      const buf = pbf.buf;
      const localValues = this.localValues;
      let pos = pbf.pos;
      for (let j = first; j <= end; j++) {
        // j === end stands for the density pair, so one loop writes every tag.
        let k: number;
        let v: number;
        if (j < end) {
          k = pairKey[j]!;
          if (!allProperties && lowZoomKey[k] === 0) continue;
          v = pairValue[j]!;
        } else {
          k = densityKey;
          v = this.densityValueIndex(density[p]!);
        }
        if (keyStamp[k] !== stamp) {
          keyStamp[k] = stamp;
          keyLocal[k] = keyCount;
          localKeys[keyCount++] = k;
        }
        let local: number;
        if (v >= UNIQUE) {
          // Written once per point, so never already in this tile.
          local = valueCount;
          localValues[valueCount++] = v;
        } else if (sharedStamp[v] !== stamp) {
          sharedStamp[v] = stamp;
          sharedLocal[v] = local = valueCount;
          localValues[valueCount++] = v;
        } else local = sharedLocal[v]!;
        pos = writeVarintAt(buf, pos, keyLocal[k]!);
        pos = writeVarintAt(buf, pos, local);
      }
      pbf.pos = pos;
      endMessage(pbf, tagsStart);
      pbf.writeVarintField(FEATURE_TYPE, MVT_POINT);
      const geometryStart = beginMessage(pbf, FEATURE_GEOMETRY);
      pbf.writeVarint(commandInteger(1, 1));
      // Tile-local coordinates are non-negative, so their zigzag is simply twice the value.
      pbf.writeVarint(((wx[p]! >>> localShift) & (MVT_EXTENT - 1)) * 2);
      pbf.writeVarint(((wy[p]! >>> localShift) & (MVT_EXTENT - 1)) * 2);
      endMessage(pbf, geometryStart);
      endMessage(pbf, featureStart);
    }
    for (let i = 0; i < keyCount; i++) {
      const k = localKeys[i]!;
      copyBytes(pbf, table.keyBytes.buf, table.keyOffsets[k]!, table.keyOffsets[k + 1]!);
    }
    const { shared, unique } = table;
    for (let i = 0; i < valueCount; i++) {
      const v = this.localValues[i]!;
      const store = v >= UNIQUE ? unique : shared;
      const index = v & ~UNIQUE;
      copyBytes(pbf, store.bytes.buf, store.offsets[index]!, store.offsets[index + 1]!);
    }
    pbf.writeVarintField(LAYER_EXTENT, MVT_EXTENT);
    endMessage(pbf, layerStart);
    return takeBytes(pbf);
  }

  private densityValueIndex(density: number): number {
    const cached = density < this.densityValue.length ? this.densityValue[density]! : -1;
    if (cached >= 0) return cached;
    const v = this.table.sharedValue(density);
    if (density < this.densityValue.length) this.densityValue[density] = v;
    return v;
  }
}

/** Writes an unsigned varint below 2^35 at `pos` (room already ensured); returns the new position. */
function writeVarintAt(buf: Uint8Array, pos: number, value: number): number {
  while (value >= 0x80) {
    buf[pos++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  buf[pos++] = value;
  return pos;
}

function copyBytes(pbf: PbfWriter, source: Uint8Array, start: number, end: number): void {
  pbf.realloc(end - start);
  const target = pbf.buf;
  let pos = pbf.pos;
  for (let i = start; i < end; i++) target[pos++] = source[i]!;
  pbf.pos = pos;
}
