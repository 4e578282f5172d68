import { gzipSync } from 'node:zlib';

/** Byte 9 of a gzip member: the operating system that wrote it (RFC 1952 §2.3.1). */
export const GZIP_OS_BYTE = 9;
/** RFC 1952's "unknown" operating system. */
export const GZIP_OS_UNKNOWN = 0xff;
/**
 * zlib's output chunk. The default 16 KiB is a fresh allocation per call, outside the JS heap;
 * across tens of thousands of small tiles that churn alone set off full garbage collections.
 * Below 4 KiB Node carves chunks from its shared buffer pool instead.
 */
export const GZIP_CHUNK_BYTES = 2048;

/**
 * Gzips `bytes` for tiles and archive sections. zlib stamps the platform it was built for into
 * the header, so the same tiles would give different archives on Linux and Windows; the stamp
 * is set to "unknown" to keep builds byte-for-byte reproducible. The modification time is
 * already zero in zlib's output.
 */
export function gzip(bytes: Uint8Array, level = 6): Uint8Array {
  const out = gzipSync(bytes, { level, chunkSize: GZIP_CHUNK_BYTES });
  out[GZIP_OS_BYTE] = GZIP_OS_UNKNOWN;
  return out;
}

/** True when `bytes` starts with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 18 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Gzips many small buffers and keeps the results packed in large shared chunks. `gzipSync`
 * returns a view of a larger output buffer (a 16 KiB chunk by default, a slab of Node's pool
 * here); keeping tens of thousands of tiles as returned would hold that memory per tile and
 * make V8 run full collections for it.
 */
export class GzipArena {
  private chunk: Uint8Array;
  private used = 0;

  /** Chunks start at 1 MiB and double up to 16 MiB: small sets stay small, large ones allocate rarely. */
  constructor(private readonly level = 6) {
    this.chunk = new Uint8Array(1 << 20);
  }

  /** The gzipped bytes, as a view into the arena. */
  gzip(bytes: Uint8Array): Uint8Array {
    const compressed = gzip(bytes, this.level);
    if (this.used + compressed.length > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(Math.min(this.chunk.length * 2, 16 << 20), compressed.length));
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + compressed.length);
    view.set(compressed);
    this.used += compressed.length;
    return view;
  }
}
