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
 */
import { PbfWriter } from 'pbf';
import { zxyToTileId } from 'pmtiles';
import { MVT_EXTENT, MVT_LINESTRING, encodeMvt, type MvtFeature } from './mvt-encode';
import { compressTiles } from './tile-compressor';
import { droppedPerZoom, fieldsOf, zoomRange, type TileSet } from './tile-set';

/** One line to tile. */
export interface TileLine {
  /** Vertices as lng, lat pairs (WGS84 or the display CRS): [lng0, lat0, lng1, lat1, …]. */
  coords: ArrayLike<number>;
  /** First zoom the line is in the tiles. Default: the layer's `minZoom`. */
  minZoom?: number;
  /** Property values that are null or undefined are left out. */
  properties: Readonly<Record<string, unknown>> | null;
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
 * crosses from its own `minZoom` to `maxZoom`; its MVT id is its index in `lines`, so pieces cut
 * by tile edges can be matched. Lines with fewer than two vertices are left out.
 */
export function tileLines(lines: readonly TileLine[], opts: LineTileOptions): TileSet {
  const { minZoom, maxZoom } = zoomRange('tileLines', opts, 24);
  const buffer = opts.buffer ?? 64;
  const zoomCount = maxZoom + 1;
  const firstZoom = new Uint8Array(lines.length);
  let blockZoom = maxZoom;
  for (let i = 0; i < lines.length; i++) {
    const own = lines[i]!.minZoom ?? minZoom;
    if (!Number.isInteger(own) || own < 0)
      throw new Error(`tileLines: line ${i} has minZoom ${own}; expected an integer from 0`);
    firstZoom[i] = Math.max(minZoom, own);
    if (lines[i]!.coords.length >= 4) blockZoom = Math.min(blockZoom, firstZoom[i]!);
  }

  const blocks = linesByBlock(lines, firstZoom, blockZoom, maxZoom, buffer / MVT_EXTENT);
  const writer = new PbfWriter();
  // present[line * zoomCount + z]: the line has a piece at zoom z.
  const present = new Uint8Array(lines.length * zoomCount);
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
        const tiles = cutBlock(lines, members, firstZoom, z, blockZoom, bx, by, buffer);
        for (const key of [...tiles.keys()].sort((a, b) => a - b)) {
          // Properties are read here, one tile at a time, so a block's worth never lives at once.
          const { ids, pieces } = tiles.get(key)!;
          const features = ids.map((id, k): MvtFeature => ({
            type: MVT_LINESTRING,
            geometry: pieces[k]!,
            properties: lines[id]!.properties,
            id,
          }));
          const n = 2 ** z;
          const bytes = encodeMvt([{ name: opts.layer, features }], writer);
          if (bytes.length === 0) continue;
          compressor.add(zxyToTileId(z, key % n, Math.floor(key / n)), bytes);
          featuresPerZoom[z] = featuresPerZoom[z]! + features.length;
          for (const id of ids) present[id * zoomCount + z] = 1;
        }
      }
    }
  });

  const dropped = droppedPerZoom(present, lines.length, minZoom, maxZoom);
  return {
    tiles,
    stats: { tiles: tiles.size, bytes, featuresPerZoom, dropped },
    vectorLayer: { id: opts.layer, minzoom: minZoom, maxzoom: maxZoom, fields: fieldsOf(lines) },
  };
}

/**
 * The lines touching each block (a tile of `blockZoom`, keyed `y * 2^blockZoom + x`), in input
 * order. `margin` is the tile buffer as a share of a tile: a line just outside a block still
 * reaches into its tiles' buffers.
 */
function linesByBlock(
  lines: readonly TileLine[],
  firstZoom: Uint8Array,
  blockZoom: number,
  maxZoom: number,
  margin: number,
): Map<number, number[]> {
  const blocks = new Map<number, number[]>();
  const n = 2 ** blockZoom;
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i]!.coords;
    if (c.length < 4 || firstZoom[i]! > maxZoom) continue;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k + 1 < c.length; k += 2) {
      const x = worldX(c[k]!) * n;
      const y = worldY(c[k + 1]!) * n;
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

/** The lines in one tile, and the parts of each inside it (flat x, y arrays in tile units). */
interface TilePieces {
  ids: number[];
  pieces: number[][][];
}

/**
 * The contents of every tile of zoom `z` inside block (bx, by), keyed `y * 2^z + x`: each member
 * line clipped to each tile's buffered square, in tile units.
 */
function cutBlock(
  lines: readonly TileLine[],
  members: readonly number[],
  firstZoom: Uint8Array,
  z: number,
  blockZoom: number,
  bx: number,
  by: number,
  buffer: number,
): Map<number, TilePieces> {
  const tiles = new Map<number, TilePieces>();
  const n = 2 ** z;
  const span = 2 ** (z - blockZoom);
  const scale = n * MVT_EXTENT;
  // Tiles of this zoom inside the block.
  const tx0 = bx * span;
  const ty0 = by * span;
  const tx1 = tx0 + span - 1;
  const ty1 = ty0 + span - 1;
  let px = new Float64Array(64);
  for (const i of members) {
    if (firstZoom[i]! > z) continue;
    const line = lines[i]!;
    const c = line.coords;
    const count = c.length >> 1;
    if (px.length < 2 * count) px = new Float64Array(2 * count);
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
        const pieces = clipPolyline(
          px,
          count,
          left - buffer,
          top - buffer,
          left + MVT_EXTENT + buffer,
          top + MVT_EXTENT + buffer,
        );
        if (!pieces.length) continue;
        for (const piece of pieces)
          for (let k = 0; k < piece.length; k += 2) {
            piece[k] = piece[k]! - left;
            piece[k + 1] = piece[k + 1]! - top;
          }
        const key = ty * n + tx;
        let tile = tiles.get(key);
        if (!tile) tiles.set(key, (tile = { ids: [], pieces: [] }));
        tile.ids.push(i);
        tile.pieces.push(pieces);
      }
  }
  return tiles;
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

/**
 * The parts of a polyline (`count` vertices as x, y pairs in `xy`) inside the rectangle, each a
 * flat coordinate array: Liang–Barsky on every segment, a new part wherever the line comes back
 * in. Exported for its test.
 */
export function clipPolyline(
  xy: ArrayLike<number>,
  count: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): number[][] {
  const parts: number[][] = [];
  let part: number[] | null = null;
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
      if (part) parts.push(part);
      part = null;
      continue;
    }
    if (!part || t0 > 0) {
      if (part) parts.push(part);
      part = [ax + t0 * dx, ay + t0 * dy];
    }
    part.push(ax + t1 * dx, ay + t1 * dy);
    if (t1 < 1) {
      parts.push(part);
      part = null;
    }
  }
  if (part) parts.push(part);
  return parts;
}
