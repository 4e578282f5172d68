/**
 * A PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) for
 * gzip-compressed MVT tiles, in memory or on disk (`TileSource`). The archive is laid out like go-pmtiles lays it out:
 * header, root directory, JSON metadata, leaf directories, tile data, with tile contents in
 * tile-id order (clustered) and identical contents stored once.
 */
import { hash } from 'node:crypto';
import { tileIdToZxy } from 'pmtiles';
import { gzip, isGzip } from './gzip';

/** Archive-level facts the header carries besides the directory layout. */
export interface PmtilesHeaderInput {
  minZoom: number;
  maxZoom: number;
  /** West, south, east, north in degrees. */
  bounds: [number, number, number, number];
  /** Longitude, latitude, zoom a viewer opens at. */
  center: [number, number, number];
}

/** One directory entry: a run of `runLength` consecutive tile ids sharing one content, or (runLength 0) a leaf directory. */
interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const HEADER_BYTES = 127;
/** The spec asks that header and root directory fit in the first 16 KiB, so one request fetches both. */
const ROOT_DIRECTORY_BUDGET = 16384 - HEADER_BYTES;
/** Below this many entries go-pmtiles tries a root-only directory first; above it leaves are certain. */
const ROOT_ONLY_MAX_ENTRIES = 16384;

const COMPRESSION_GZIP = 2;
const TILE_TYPE_MVT = 1;

/**
 * The tiles an archive is written from: a `Map` of tile id to gzipped bytes, or anything that
 * reads like one (the tilers' disk-backed `TileSpool`). `get` is called twice per tile, once to
 * hash it and once to write it, and its bytes are not kept, so a source may read them from disk.
 */
export interface TileSource {
  keys(): Iterable<number>;
  get(tileId: number): Uint8Array | undefined;
}

/** An archive laid out but not yet assembled: its first bytes, then each stored tile content. */
export interface PmtilesLayout {
  /** Total archive size in bytes. */
  bytes: number;
  /** Header, root directory, metadata and leaf directories: everything before the tile data. */
  head: Uint8Array;
  /**
   * The archive's pieces in order: `head`, then the distinct tile contents, each read from the
   * source when reached, so writing them to a file holds one tile at a time.
   */
  pieces(): Iterable<Uint8Array>;
}

/**
 * Builds a complete PMTiles v3 archive. `tiles` maps Hilbert tile ids (`zxyToTileId` from the
 * pmtiles package) to already gzip-compressed MVT bytes; they are stored as given. Directories
 * and metadata are gzipped too, so the archive declares gzip for both internal and tile
 * compression. Identical tile bytes are stored once and consecutive ids with identical bytes
 * become one run-length entry.
 */
export function writePmtiles(tiles: TileSource, header: PmtilesHeaderInput, metadata: object): Uint8Array {
  const layout = layoutPmtiles(tiles, header, metadata);
  const out = new Uint8Array(layout.bytes);
  let at = 0;
  for (const piece of layout.pieces()) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/**
 * Lays out the archive `writePmtiles` makes, byte for byte, without holding its tile data: the
 * directories need every tile's hash and length, so the tiles are read once here and again as
 * `pieces()` is iterated. A national archive is ~200 MB; written piece by piece it never sits
 * in memory whole, nor do its tiles when the source keeps them on disk.
 */
export function layoutPmtiles(
  tiles: TileSource,
  header: PmtilesHeaderInput,
  metadata: object,
): PmtilesLayout {
  checkHeader(header);
  const ids = [...tiles.keys()].sort((a, b) => a - b);
  // Ids grow with zoom, so the first and last bound the zooms; readers skip tiles outside the header's.
  for (const id of [ids[0], ids[ids.length - 1]]) {
    if (id === undefined || !Number.isSafeInteger(id) || id < 0) continue;
    const [z, x, y] = tileIdToZxy(id);
    if (z < header.minZoom || z > header.maxZoom)
      throw new Error(
        `Tile ${z}/${x}/${y} lies outside the header's zooms ${header.minZoom}–${header.maxZoom}`,
      );
  }

  const entries: Entry[] = [];
  // The first tile id of each distinct content, in storage order: read again when written.
  const contentIds: number[] = [];
  const contentByHash = new Map<string, { offset: number; length: number }>();
  let tileDataLength = 0;
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id < 0) throw new Error(`Tile id ${id} is not a non-negative integer`);
    const bytes = tiles.get(id)!;
    if (!isGzip(bytes)) {
      const [z, x, y] = tileIdToZxy(id);
      throw new Error(
        `Tile ${z}/${x}/${y} (id ${id}) is not gzip-compressed; the archive declares gzip tiles`,
      );
    }
    // sha256 rather than a cheap hash: a collision would silently serve one place's tile at another.
    const digest = hash('sha256', bytes, 'base64');
    let content = contentByHash.get(digest);
    if (!content) {
      content = { offset: tileDataLength, length: bytes.length };
      contentByHash.set(digest, content);
      contentIds.push(id);
      tileDataLength += bytes.length;
    }
    const last = entries[entries.length - 1];
    if (last && last.offset === content.offset && last.tileId + last.runLength === id) last.runLength++;
    else entries.push({ tileId: id, offset: content.offset, length: content.length, runLength: 1 });
  }
  contentByHash.clear();

  const { root, leaves } = buildDirectories(entries);
  const metadataBytes = gzip(new TextEncoder().encode(JSON.stringify(metadata)));

  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + metadataBytes.length;
  const tileDataOffset = leavesOffset + leaves.length;
  const head = new Uint8Array(tileDataOffset);

  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('PMTiles'), 0);
  head[7] = 3; // spec version
  setUint64(view, 8, rootOffset);
  setUint64(view, 16, root.length);
  setUint64(view, 24, metadataOffset);
  setUint64(view, 32, metadataBytes.length);
  setUint64(view, 40, leavesOffset);
  setUint64(view, 48, leaves.length);
  setUint64(view, 56, tileDataOffset);
  setUint64(view, 64, tileDataLength);
  setUint64(view, 72, ids.length); // addressed tiles
  setUint64(view, 80, entries.length); // tile entries
  setUint64(view, 88, contentIds.length); // distinct tile contents
  head[96] = 1; // clustered: contents are in tile-id order
  head[97] = COMPRESSION_GZIP; // internal compression
  head[98] = COMPRESSION_GZIP; // tile compression
  head[99] = TILE_TYPE_MVT;
  head[100] = header.minZoom;
  head[101] = header.maxZoom;
  const [west, south, east, north] = header.bounds;
  view.setInt32(102, toE7(west), true);
  view.setInt32(106, toE7(south), true);
  view.setInt32(110, toE7(east), true);
  view.setInt32(114, toE7(north), true);
  const [centerLng, centerLat, centerZoom] = header.center;
  head[118] = Math.round(centerZoom);
  view.setInt32(119, toE7(centerLng), true);
  view.setInt32(123, toE7(centerLat), true);

  head.set(root, rootOffset);
  head.set(metadataBytes, metadataOffset);
  head.set(leaves, leavesOffset);
  return {
    bytes: tileDataOffset + tileDataLength,
    head,
    *pieces() {
      yield head;
      for (const id of contentIds) {
        const bytes = tiles.get(id);
        if (!bytes) throw new Error(`Tile id ${id} vanished from its source while the archive was written`);
        yield bytes;
      }
    },
  };
}

function checkHeader(header: PmtilesHeaderInput): void {
  const { minZoom, maxZoom, bounds, center } = header;
  for (const [name, zoom] of [
    ['minZoom', minZoom],
    ['maxZoom', maxZoom],
  ] as const) {
    if (!Number.isInteger(zoom) || zoom < 0 || zoom > 30)
      throw new Error(`PMTiles ${name} must be an integer from 0 to 30, got ${zoom}`);
  }
  if (!(center[2] >= 0 && center[2] <= 30))
    throw new Error(`PMTiles center zoom must be from 0 to 30, got ${center[2]}`);
  if (minZoom > maxZoom) throw new Error(`PMTiles minZoom ${minZoom} exceeds maxZoom ${maxZoom}`);
  const [west, south, east, north] = bounds;
  if (![west, south, east, north, center[0], center[1]].every(Number.isFinite))
    throw new Error(
      `PMTiles bounds and center must be finite numbers, got ${JSON.stringify({ bounds, center })}`,
    );
  if (west < -180 || east > 180 || south < -90 || north > 90 || west > east || south > north)
    throw new Error(
      `PMTiles bounds must be [west, south, east, north] in degrees, got ${JSON.stringify(bounds)}`,
    );
}

/**
 * The root directory alone when it fits the 16 KiB budget; otherwise leaf directories of
 * `leafSize` entries behind a root that points at them, growing leaves by 1.2 until the root
 * fits (go-pmtiles' `optimizeDirectories`).
 */
function buildDirectories(entries: readonly Entry[]): { root: Uint8Array; leaves: Uint8Array } {
  if (entries.length < ROOT_ONLY_MAX_ENTRIES) {
    const root = serializeDirectory(entries);
    if (root.length <= ROOT_DIRECTORY_BUDGET) return { root, leaves: new Uint8Array(0) };
  }
  for (let leafSize = Math.max(4096, entries.length / 3500); ; leafSize *= 1.2) {
    const size = Math.floor(leafSize);
    const rootEntries: Entry[] = [];
    const leafParts: Uint8Array[] = [];
    let leavesLength = 0;
    for (let start = 0; start < entries.length; start += size) {
      const leaf = serializeDirectory(entries.slice(start, start + size));
      rootEntries.push({
        tileId: entries[start]!.tileId,
        offset: leavesLength,
        length: leaf.length,
        runLength: 0,
      });
      leafParts.push(leaf);
      leavesLength += leaf.length;
    }
    const root = serializeDirectory(rootEntries);
    if (root.length <= ROOT_DIRECTORY_BUDGET) return { root, leaves: concat(leafParts, leavesLength) };
  }
}

/**
 * A directory: entry count, then tile-id deltas, run lengths, lengths and offsets, each column
 * as varints; an offset is written as 0 when the content directly follows the previous entry's,
 * otherwise as offset + 1. Gzipped as the header's internal compression says.
 */
function serializeDirectory(entries: readonly Entry[]): Uint8Array {
  const bytes = new VarintWriter(entries.length * 6 + 8);
  bytes.write(entries.length);
  let lastId = 0;
  for (const e of entries) {
    bytes.write(e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) bytes.write(e.runLength);
  for (const e of entries) bytes.write(e.length);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const previous = entries[i - 1];
    bytes.write(previous && e.offset === previous.offset + previous.length ? 0 : e.offset + 1);
  }
  return gzip(bytes.finish());
}

/** Unsigned LEB128 varints for values up to 2^53, growing its buffer as needed. */
class VarintWriter {
  private buf: Uint8Array;
  private pos = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  write(value: number): void {
    if (this.pos + 10 > this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2 + 10);
      grown.set(this.buf);
      this.buf = grown;
    }
    // Division rather than >>> 7: offsets of archives over 4 GiB do not fit 32-bit operators.
    while (value >= 0x80) {
      this.buf[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buf[this.pos++] = value;
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

function setUint64(view: DataView, offset: number, value: number): void {
  view.setBigUint64(offset, BigInt(value), true);
}

function toE7(degrees: number): number {
  return Math.round(degrees * 1e7);
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
