/**
 * Line layers (the street network) to gzipped MVT tiles, each line from its own first zoom.
 *
 * geojson-vt (polygon-tiles.ts) holds every zoom's clipped copy of every feature at once, which
 * for a national road network (millions of edges) is gigabytes. Lines need none of its polygon
 * work, so this tiler goes one block at a time instead: a block is one tile of the lowest zoom
 * written, and all the tiles below it, zoom by zoom, are cut from the lines that touch it, then
 * encoded and handed to the compressor. Memory holds one block's pieces, never a zoom's.
 * Vertices that round to the same tile unit are dropped by the encoder, which is all the
 * simplification short street segments need.
 *
 * Lines are read by index (`LineSource`), their vertices into a reused buffer and their
 * properties pair by pair straight into the tile, and a block's pieces live in reused typed
 * arrays: on the national network (1.5 million segments), objects for lines, pieces, features
 * and properties outlived the young generation and raised the build's peak by ~300 MB.
 */
import { PbfWriter } from 'pbf';
import { zxyToTileId } from 'pmtiles';
import { MVT_EXTENT, MVT_LINESTRING, MvtLayerWriter, takeBytes } from './mvt-encode';
import { grown } from '../grown-array';
import { compressTiles } from './tile-compressor';
import { fieldsOfEach, zoomRange, ZoomPresence, type TileSet } from './tile-set';

/** One line to tile. */
export interface TileLine {
  /** Vertices as lng, lat pairs (WGS84 or the display CRS): [lng0, lat0, lng1, lat1, …]. */
  coords: ArrayLike<number>;
  /** First zoom the line is in the tiles. Default: the layer's `minZoom`. */
  minZoom?: number;
  /** Property values that are null or undefined are left out. */
  properties: Readonly<Record<string, unknown>> | null;
}

/**
 * Lines read by index rather than held as one object each. The tiler reads a line's vertices
 * once to place it in blocks and once per zoom it is cut at, and its properties once per tile it
 * is in and once more for the layer's fields.
 */
export interface LineSource {
  count: number;
  /** Vertices of line i. */
  vertexCount(i: number): number;
  /** Writes line i's vertices as lng, lat pairs into `out` from index 0 (it has room for them). */
  coordsInto(i: number, out: Float64Array): void;
  /** First zoom line i is in; undefined for the layer's `minZoom`. */
  minZoom(i: number): number | undefined;
  /** Hands line i's properties to `sink` pair by pair; null or undefined values are left out. */
  eachProperty(i: number, sink: (key: string, value: unknown) => void): void;
}

/** What `tileLines` takes: line objects, or a `LineSource`. */
export type TileLines = readonly TileLine[] | LineSource;

/** A `LineSource` reading line objects. */
export function lineSource(lines: TileLines): LineSource {
  if (!Array.isArray(lines)) return lines as LineSource;
  const list = lines as readonly TileLine[];
  return {
    count: list.length,
    vertexCount: (i) => list[i]!.coords.length >> 1,
    coordsInto: (i, out) => {
      const c = list[i]!.coords;
      for (let k = 0; k < c.length - (c.length & 1); k++) out[k] = c[k]!;
    },
    minZoom: (i) => list[i]!.minZoom,
    eachProperty: (i, sink) => {
      const properties = list[i]!.properties;
      if (properties) for (const key in properties) sink(key, properties[key]);
    },
  };
}

/** Options of `tileLines`. */
export interface LineTileOptions {
  /** MVT layer name. */
  layer: string;
  /** No tile below this zoom. Default 0. */
  minZoom?: number;
  /** Every line is in the tiles of this zoom at full detail. Default 14. */
  maxZoom?: number;
  /** Tile buffer in tile units (of 4096), so strokes do not stop at tile edges. Default 64. */
  buffer?: number;
  /** zlib level for tiles. Default 6. */
  gzipLevel?: number;
  /** Threads that gzip tiles (see `TileCompressor`). Default: one fewer than the CPUs; 0 for none. */
  workers?: number;
  /**
   * Keep the gzipped tiles in a temporary file rather than in memory (`TileSpool`), for sets
   * too large to hold. Default false.
   */
  spool?: boolean;
}

const MAX_LAT = 85.0511287798066;

/** Web Mercator x in world units [0, 1). */
function worldX(lng: number): number {
  return (lng + 180) / 360;
}

/** Web Mercator y in world units [0, 1), clamped at the projection's edge. */
function worldY(lat: number): number {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
}

/**
 * Tiles lines into gzipped MVT tiles keyed by PMTiles tile id. A line is in every tile it
 * crosses from its own `minZoom` to `maxZoom`; its MVT id is its index, so pieces cut by tile
 * edges can be matched. Lines with fewer than two vertices are left out.
 */
export function tileLines(input: TileLines, opts: LineTileOptions): TileSet {
  const lines = lineSource(input);
  const { minZoom, maxZoom } = zoomRange('tileLines', opts, 24);
  const buffer = opts.buffer ?? 64;
  const firstZoom = new Uint8Array(lines.count);
  let blockZoom = maxZoom;
  for (let i = 0; i < lines.count; i++) {
    const own = lines.minZoom(i) ?? minZoom;
    if (!Number.isInteger(own) || own < 0)
      throw new Error(`tileLines: line ${i} has minZoom ${own}; expected an integer from 0`);
    firstZoom[i] = Math.max(minZoom, own);
    if (lines.vertexCount(i) >= 2) blockZoom = Math.min(blockZoom, firstZoom[i]!);
  }

  const cutter = new BlockCutter(lines, firstZoom, buffer);
  const blocks = linesByBlock(cutter, blockZoom, maxZoom, buffer / MVT_EXTENT);
  const writer = new PbfWriter();
  const layerWriter = new MvtLayerWriter(writer);
  const present = new ZoomPresence(lines.count);
  const featuresPerZoom: Record<number, number> = {};
  for (let z = minZoom; z <= maxZoom; z++) featuresPerZoom[z] = 0;

  const compressorOptions = {
    level: opts.gzipLevel ?? 6,
    ...(opts.workers === undefined ? {} : { workers: opts.workers }),
    spool: opts.spool ?? false,
  };
  const { tiles, bytes } = compressTiles(compressorOptions, (compressor) => {
    for (const [block, members] of [...blocks].sort((a, b) => a[0] - b[0])) {
      const bx = block % 2 ** blockZoom;
      const by = Math.floor(block / 2 ** blockZoom);
      for (let z = blockZoom; z <= maxZoom; z++) {
        const n = 2 ** z;
        cutter.cut(members, z, blockZoom, bx, by);
        cutter.eachTile((key, from, to) => {
          layerWriter.beginLayer(opts.layer);
          for (let f = from; f < to; f++) {
            const id = cutter.lineOf(f);
            layerWriter.beginFeature(id);
            lines.eachProperty(id, layerWriter.property);
            layerWriter.endFeature(MVT_LINESTRING, cutter.piecesOf(f));
            present.mark(id, z);
          }
          layerWriter.endLayer();
          compressor.add(zxyToTileId(z, key % n, Math.floor(key / n)), takeBytes(writer));
          featuresPerZoom[z] = featuresPerZoom[z]! + (to - from);
        });
      }
    }
  });

  const dropped = present.droppedPerZoom(minZoom, maxZoom);
  return {
    tiles,
    stats: { tiles: tiles.size, bytes, featuresPerZoom, dropped },
    vectorLayer: {
      id: opts.layer,
      minzoom: minZoom,
      maxzoom: maxZoom,
      fields: fieldsOfEach(lines.count, (i, sink) => lines.eachProperty(i, sink)),
    },
  };
}

/**
 * The lines touching each block (a tile of `blockZoom`, keyed `y * 2^blockZoom + x`), in input
 * order. `margin` is the tile buffer as a share of a tile: a line just outside a block still
 * reaches into its tiles' buffers.
 */
function linesByBlock(
  cutter: BlockCutter,
  blockZoom: number,
  maxZoom: number,
  margin: number,
): Map<number, number[]> {
  const blocks = new Map<number, number[]>();
  const n = 2 ** blockZoom;
  for (let i = 0; i < cutter.lines.count; i++) {
    if (cutter.firstZoom[i]! > maxZoom) continue;
    const count = cutter.readLine(i);
    if (count < 2) continue;
    const c = cutter.coords;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < count; k++) {
      const x = worldX(c[2 * k]!) * n;
      const y = worldY(c[2 * k + 1]!) * n;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    const fx0 = Math.max(0, Math.floor(x0 - margin));
    const fx1 = Math.min(n - 1, Math.floor(x1 + margin));
    const fy0 = Math.max(0, Math.floor(y0 - margin));
    const fy1 = Math.min(n - 1, Math.floor(y1 + margin));
    for (let y = fy0; y <= fy1; y++)
      for (let x = fx0; x <= fx1; x++) {
        const key = y * n + x;
        let members = blocks.get(key);
        if (!members) blocks.set(key, (members = []));
        members.push(i);
      }
  }
  return blocks;
}

/**
 * Cuts the member lines of a block into the tiles of one zoom, keeping every piece in typed
 * arrays reused from block to block. After `cut`, feature f (one line in one tile) is line
 * `lineOf(f)` with pieces `piecesOf(f)`, and `eachTile` lists the tiles in key order, each with
 * its features in member order.
 */
class BlockCutter {
  /** The line last read by `readLine`, as lng, lat pairs. */
  coords = new Float64Array(64);
  /** The same in world units of the zoom being cut. */
  private world = new Float64Array(64);
  /** Every piece, in its tile's units. */
  private readonly pieces = partStore();
  /** Per feature: its tile key, line, and first piece; its pieces end where the next feature's begin. */
  private featureTile = new Uint32Array(1 << 10);
  private featureLine = new Uint32Array(1 << 10);
  private featurePiece = new Uint32Array(1 << 10);
  private featureCount = 0;
  /** Features in tile-key order, each tile's in member order. */
  private order = new Uint32Array(1 << 10);

  constructor(
    readonly lines: LineSource,
    readonly firstZoom: Uint8Array,
    private readonly buffer: number,
  ) {}

  /** Reads line i into `coords` and returns its vertex count. */
  readLine(i: number): number {
    const count = this.lines.vertexCount(i);
    this.coords = grown(this.coords, 2 * count);
    this.lines.coordsInto(i, this.coords);
    return count;
  }

  /**
   * Cuts the members of block (bx, by) of `blockZoom` into the tiles of zoom `z` inside it: each
   * line clipped to each tile's buffered square, in tile units.
   */
  cut(members: readonly number[], z: number, blockZoom: number, bx: number, by: number): void {
    this.pieces.used = 0;
    this.pieces.count = 0;
    this.featureCount = 0;
    const buffer = this.buffer;
    const n = 2 ** z;
    const span = 2 ** (z - blockZoom);
    const scale = n * MVT_EXTENT;
    // Tiles of this zoom inside the block.
    const tx0 = bx * span;
    const ty0 = by * span;
    const tx1 = tx0 + span - 1;
    const ty1 = ty0 + span - 1;
    for (const i of members) {
      if (this.firstZoom[i]! > z) continue;
      const count = this.readLine(i);
      const c = this.coords;
      const px = (this.world = grown(this.world, 2 * count));
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < count; k++) {
        const x = (px[2 * k] = worldX(c[2 * k]!) * scale);
        const y = (px[2 * k + 1] = worldY(c[2 * k + 1]!) * scale);
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      const fx0 = Math.max(tx0, Math.floor((x0 - buffer) / MVT_EXTENT));
      const fx1 = Math.min(tx1, Math.floor((x1 + buffer) / MVT_EXTENT));
      const fy0 = Math.max(ty0, Math.floor((y0 - buffer) / MVT_EXTENT));
      const fy1 = Math.min(ty1, Math.floor((y1 + buffer) / MVT_EXTENT));
      for (let ty = fy0; ty <= fy1; ty++)
        for (let tx = fx0; tx <= fx1; tx++) {
          const left = tx * MVT_EXTENT;
          const top = ty * MVT_EXTENT;
          const firstPiece = this.pieces.count;
          const added = clipPolylineInto(
            px,
            count,
            left - buffer,
            top - buffer,
            left + MVT_EXTENT + buffer,
            top + MVT_EXTENT + buffer,
            left,
            top,
            this.pieces,
          );
          if (added) this.addFeature(ty * n + tx, i, firstPiece);
        }
    }
    this.sortFeatures();
  }

  /** Records that line `line` is in tile `key` with the pieces from `firstPiece` on. */
  private addFeature(key: number, line: number, firstPiece: number): void {
    const f = this.featureCount++;
    if (f >= this.featureTile.length) {
      this.featureTile = grown(this.featureTile, f + 1);
      this.featureLine = grown(this.featureLine, f + 1);
      this.featurePiece = grown(this.featurePiece, f + 1);
    }
    this.featureTile[f] = key;
    this.featureLine[f] = line;
    this.featurePiece[f] = firstPiece;
  }

  /** Orders the features by tile key, keeping member order within a tile (a stable sort). */
  private sortFeatures(): void {
    const count = this.featureCount;
    this.order = grown(this.order, count);
    const order = this.order.subarray(0, count);
    for (let f = 0; f < count; f++) order[f] = f;
    const tile = this.featureTile;
    order.sort((a, b) => tile[a]! - tile[b]! || a - b);
  }

  /** Calls `visit` for each tile cut, in key order, with its features' range in sorted order. */
  eachTile(visit: (key: number, from: number, to: number) => void): void {
    const tile = this.featureTile;
    const order = this.order;
    for (let from = 0; from < this.featureCount;) {
      const key = tile[order[from]!]!;
      let to = from + 1;
      while (to < this.featureCount && tile[order[to]!] === key) to++;
      visit(key, from, to);
      from = to;
    }
  }

  /** The line of the f-th feature in sorted order. */
  lineOf(f: number): number {
    return this.featureLine[this.order[f]!]!;
  }

  /** The pieces of the f-th feature in sorted order, as views of the piece store. */
  piecesOf(f: number): Float64Array[] {
    const g = this.order[f]!;
    const { xy, starts } = this.pieces;
    const end = g + 1 < this.featureCount ? this.featurePiece[g + 1]! : this.pieces.count;
    const views: Float64Array[] = [];
    for (let p = this.featurePiece[g]!; p < end; p++) views.push(xy.subarray(starts[p]!, starts[p + 1]!));
    return views;
  }
}

/** The segment's parameter range [t0, t1] inside the rectangle, narrowed edge by edge. */
const range = new Float64Array(2);

/** Narrows `range` to p·t ≤ q; false when nothing of the segment is left. */
function clipEdge(p: number, q: number): boolean {
  if (p === 0) return q >= 0;
  const t = q / p;
  if (p < 0) {
    if (t > range[1]!) return false;
    if (t > range[0]!) range[0] = t;
  } else {
    if (t < range[0]!) return false;
    if (t < range[1]!) range[1] = t;
  }
  return true;
}

/** Clipped parts one after another: part p is `xy[starts[p] .. starts[p + 1])`. */
export interface PartStore {
  xy: Float64Array;
  /** Values of `xy` in use. */
  used: number;
  /** Where each part begins in `xy`, and after the last one, `used`. */
  starts: Uint32Array;
  /** Parts in the store. */
  count: number;
}

/** An empty `PartStore`. */
export function partStore(): PartStore {
  return { xy: new Float64Array(1 << 16), used: 0, starts: new Uint32Array(1 << 12), count: 0 };
}

/** Appends the point (x, y) to the store's last part. */
function pushPoint(store: PartStore, x: number, y: number): void {
  store.xy = grown(store.xy, store.used + 2);
  store.xy[store.used++] = x;
  store.xy[store.used++] = y;
}

/**
 * Appends to `store` the parts of a polyline (`count` vertices as x, y pairs in `xy`) inside the
 * rectangle, less `originX`, `originY` (a tile's corner, so the parts are in the tile's own units),
 * and returns how many it added: Liang–Barsky on every segment, a new part wherever the line comes
 * back in. Written straight into the store: the street tiler clips millions of pieces.
 */
export function clipPolylineInto(
  xy: ArrayLike<number>,
  count: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  originX: number,
  originY: number,
  store: PartStore,
): number {
  const first = store.count;
  let open = false;
  for (let k = 0; k + 1 < count; k++) {
    const ax = xy[2 * k]!;
    const ay = xy[2 * k + 1]!;
    const dx = xy[2 * k + 2]! - ax;
    const dy = xy[2 * k + 3]! - ay;
    range[0] = 0;
    range[1] = 1;
    // Each edge in turn keeps the part of the segment on the rectangle's side.
    const inside =
      clipEdge(-dx, ax - minX) &&
      clipEdge(dx, maxX - ax) &&
      clipEdge(-dy, ay - minY) &&
      clipEdge(dy, maxY - ay);
    const t0 = range[0];
    const t1 = range[1];
    // A segment that only touches the rectangle (t1 = t0) adds nothing but a one-point part.
    if (!inside || t1 <= t0) {
      open = false;
      continue;
    }
    if (!open || t0 > 0) {
      store.starts = grown(store.starts, store.count + 2);
      store.starts[store.count++] = store.used;
      pushPoint(store, ax + t0 * dx - originX, ay + t0 * dy - originY);
    }
    pushPoint(store, ax + t1 * dx - originX, ay + t1 * dy - originY);
    open = t1 >= 1;
  }
  store.starts[store.count] = store.used;
  return store.count - first;
}

/**
 * The parts of a polyline inside the rectangle, each a flat coordinate array (`clipPolylineInto`
 * into a store of its own). For its test.
 */
export function clipPolyline(
  xy: ArrayLike<number>,
  count: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): number[][] {
  const store = partStore();
  const added = clipPolylineInto(xy, count, minX, minY, maxX, maxY, 0, 0, store);
  return Array.from({ length: added }, (_, p) =>
    Array.from(store.xy.subarray(store.starts[p]!, store.starts[p + 1]!)),
  );
}
