/**
 * Compressed tiles kept in a temporary file rather than in memory, behind the `Map` the tilers
 * return. A national communities archive is ~200 MB of gzipped tiles (ten times that at ten
 * times the data); held as buffers until the archive is written they were a third of the
 * build's peak. The file is unlinked as soon as it is opened: its bytes live as long as the
 * descriptor, and a build that dies leaves nothing behind. Reads come from the page cache,
 * which the kernel may drop under pressure, unlike the process's own memory.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Options of `TileSpool`. */
export interface TileSpoolOptions {
  /** Folder the temporary file is made in. Default: the OS's (`os.tmpdir()`). */
  dir?: string;
}

/** Tile bytes are gathered into writes of about this size: a write per small tile is a syscall each. */
const WRITE_BYTES = 1 << 20;

// Callers treat a tile set as a Map and never close it: the descriptor is closed when the spool
// is collected, and `close` does it at once for those that know.
const descriptors = new FinalizationRegistry<{ fd: number; closed: boolean }>((held) => {
  if (!held.closed) closeSync(held.fd);
});

/**
 * A `Map` from tile id to tile bytes whose values live in a temporary file. `get` reads the
 * bytes back into a fresh buffer each call; `set` appends (setting an id again points it at the
 * new bytes; the old ones stay in the file until it is closed). Keys iterate in ascending order,
 * the order of a tile set and of a PMTiles archive.
 */
export class TileSpool implements Map<number, Uint8Array> {
  readonly [Symbol.toStringTag] = 'TileSpool';
  private readonly held: { fd: number; closed: boolean };
  /** Where each id's bytes are: its slot in `offsets` and `lengths`. */
  private readonly slots = new Map<number, number>();
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private slotCount = 0;
  /** Bytes in the file, and those appended but not yet written, which follow them. */
  private written = 0;
  private readonly pending = new Uint8Array(WRITE_BYTES);
  private pendingBytes = 0;
  private sorted: number[] | undefined;

  constructor(opts: TileSpoolOptions = {}) {
    const dir = mkdtempSync(join(opts.dir ?? tmpdir(), 'atlas-tiles-'));
    try {
      this.held = { fd: openSync(join(dir, 'spool'), 'w+'), closed: false };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    descriptors.register(this, this.held, this);
  }

  /** Tiles stored. */
  get size(): number {
    return this.slots.size;
  }

  /** Bytes of the tiles stored now (superseded ones not counted), known without reading the file. */
  get tileBytes(): number {
    let bytes = 0;
    for (const slot of this.slots.values()) bytes += this.lengths[slot]!;
    return bytes;
  }

  /** Bytes appended so far, superseded ones included: the temporary file's size. */
  get fileBytes(): number {
    return this.written + this.pendingBytes;
  }

  set(tileId: number, bytes: Uint8Array): this {
    this.checkOpen();
    if (!this.slots.has(tileId)) this.sorted = undefined;
    const slot = this.slotCount++;
    if (slot === this.offsets.length) this.grow();
    this.offsets[slot] = this.fileBytes;
    this.lengths[slot] = bytes.length;
    this.slots.set(tileId, slot);
    if (this.pendingBytes + bytes.length > WRITE_BYTES) this.flush();
    if (bytes.length >= WRITE_BYTES) this.writeAt(bytes, this.written);
    else {
      this.pending.set(bytes, this.pendingBytes);
      this.pendingBytes += bytes.length;
    }
    return this;
  }

  get(tileId: number): Uint8Array | undefined {
    const slot = this.slots.get(tileId);
    if (slot === undefined) return undefined;
    this.checkOpen();
    const offset = this.offsets[slot]!;
    const length = this.lengths[slot]!;
    if (offset >= this.written) {
      const at = offset - this.written;
      return this.pending.slice(at, at + length);
    }
    // allocUnsafe draws small buffers from Node's shared pool: no allocation per tile.
    const bytes = Buffer.allocUnsafe(length);
    for (let read = 0; read < length;) {
      const n = readSync(this.held.fd, bytes, read, length - read, offset + read);
      if (n === 0) throw new Error(`Tile spool ended ${length - read} bytes early reading tile ${tileId}`);
      read += n;
    }
    return bytes;
  }

  has(tileId: number): boolean {
    return this.slots.has(tileId);
  }

  delete(tileId: number): boolean {
    this.sorted = undefined;
    return this.slots.delete(tileId);
  }

  clear(): void {
    this.sorted = undefined;
    this.slots.clear();
  }

  keys(): MapIterator<number> {
    this.sorted ??= [...this.slots.keys()].sort((a, b) => a - b);
    return this.sorted.values();
  }

  *values(): MapIterator<Uint8Array> {
    for (const id of this.keys()) yield this.get(id)!;
  }

  *entries(): MapIterator<[number, Uint8Array]> {
    for (const id of this.keys()) yield [id, this.get(id)!];
  }

  [Symbol.iterator](): MapIterator<[number, Uint8Array]> {
    return this.entries();
  }

  forEach(
    callback: (value: Uint8Array, key: number, map: Map<number, Uint8Array>) => void,
    thisArg?: unknown,
  ): void {
    for (const [id, bytes] of this.entries()) callback.call(thisArg, bytes, id, this);
  }

  /** Closes the temporary file, freeing its space; the spool cannot be read afterwards. */
  close(): void {
    if (this.held.closed) return;
    this.held.closed = true;
    descriptors.unregister(this);
    closeSync(this.held.fd);
  }

  private checkOpen(): void {
    if (this.held.closed) throw new Error('Tile spool read or written after close()');
  }

  private flush(): void {
    this.writeAt(this.pending.subarray(0, this.pendingBytes), this.written);
    this.pendingBytes = 0;
  }

  private writeAt(bytes: Uint8Array, position: number): void {
    for (let done = 0; done < bytes.length;)
      done += writeSync(this.held.fd, bytes, done, bytes.length - done, position + done);
    this.written += bytes.length;
  }

  private grow(): void {
    const offsets = new Float64Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const lengths = new Uint32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}
