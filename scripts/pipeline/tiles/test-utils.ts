/**
 * Readers for the tile tests: archives are opened with the pmtiles package and tiles decoded
 * with @mapbox/vector-tile, the libraries the site's map stack uses, rather than with code
 * from this folder.
 */
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { Compression, PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { mulberry32 } from '../../../src/domain/mulberry32';

/** A pmtiles `Source` over bytes in memory. */
export class MemorySource implements Source {
  /** Ranges asked for, to check what a reader fetches. */
  readonly requests: [offset: number, length: number][] = [];

  constructor(private readonly bytes: Uint8Array) {}

  getKey(): string {
    return 'memory';
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.requests.push([offset, length]);
    return { data: this.bytes.slice(offset, offset + length).buffer };
  }
}

/**
 * The archive opened with the real pmtiles reader. Gzip is undone with zlib rather than the
 * reader's default DecompressionStream, which is slow for tens of thousands of tiles.
 */
export function openArchive(bytes: Uint8Array | MemorySource): PMTiles {
  const source = bytes instanceof MemorySource ? bytes : new MemorySource(bytes);
  return new PMTiles(source, undefined, async (data, compression) => {
    if (compression !== Compression.Gzip) throw new Error(`unexpected compression ${compression}`);
    const out = gunzipSync(new Uint8Array(data));
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  });
}

/** Decodes an MVT tile, gunzipping it first when it is gzipped. */
export function decodeTile(bytes: Uint8Array | ArrayBuffer): VectorTile {
  let raw = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
  return new VectorTile(new PbfReader(raw));
}

/** Web Mercator position of a point in [0, 1) world units, written independently of point-tiles. */
export function worldXY(lng: number, lat: number): [number, number] {
  const phi = (lat * Math.PI) / 180;
  return [(lng + 180) / 360, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2];
}

/** Inverse of `worldXY`. */
export function lngLatOf(x: number, y: number): [number, number] {
  const lng = x * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
  return [lng, lat];
}

/** A seeded PRNG (mulberry32) so test data is the same on every run. */
export const seededRandom: (seed: number) => () => number = mulberry32;
