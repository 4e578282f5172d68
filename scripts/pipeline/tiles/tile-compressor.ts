/**
 * Gzips tiles on worker threads while the caller keeps encoding, yet stays synchronous: the
 * tilers are plain functions, so results are collected with `receiveMessageOnPort` and
 * `Atomics.wait` instead of events. Gzip is over half of the tiling time; on a 2-core machine
 * sharing it with one worker takes 220,000 communities from ~9 s to ~5.5 s (bench-tiles).
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { GZIP_CHUNK_BYTES, GZIP_OS_BYTE, GZIP_OS_UNKNOWN, GzipArena } from './gzip';
import { TileSpool, type TileSpoolOptions } from './tile-spool';

/** Options of `TileCompressor`. */
export interface TileCompressorOptions {
  /** zlib level. Default 6. */
  level?: number;
  /**
   * Worker threads. Default: one fewer than the CPUs, at most 7; 0 compresses on the calling
   * thread only. Workers start only once a tile set fills a first batch, so small sets never
   * pay for them.
   */
  workers?: number;
  /**
   * Keep the gzipped tiles in a temporary file (`TileSpool`) as they come, rather than in
   * memory. Default false: small sets and tests keep a plain Map.
   */
  spool?: boolean | TileSpoolOptions;
}

/** Tiles gzipped by {@link compressTiles}, in tile-id order, and the sum of their sizes. */
export interface CompressedTiles {
  tiles: Map<number, Uint8Array>;
  bytes: number;
}

/**
 * Gives `encode` a compressor to add a tiler's tiles to and returns them gzipped. Should `encode`
 * throw, the workers are stopped before the error goes on.
 */
export function compressTiles(
  opts: TileCompressorOptions,
  encode: (compressor: TileCompressor) => void,
): CompressedTiles {
  const compressor = new TileCompressor(opts);
  try {
    encode(compressor);
  } catch (error) {
    compressor.abandon();
    throw error;
  }
  const tiles = compressor.finish();
  // A spool knows its tiles' lengths: reading every tile back from disk only to add them up would
  // be a third pass over the archive (hashing and writing it are the other two).
  let bytes = 0;
  if (tiles instanceof TileSpool) bytes = tiles.tileBytes;
  else for (const tile of tiles.values()) bytes += tile.length;
  return { tiles, bytes };
}

/** Raw tile bytes per batch: large enough to amortise messaging, small enough to balance. */
const BATCH_BYTES = 128 << 10;
/** Batches a worker holds at once: one in work, one waiting, so it never idles between messages. */
const IN_FLIGHT_PER_WORKER = 2;
/** Batches waiting on this thread before it compresses some itself. */
const PENDING_LIMIT = 4;
/** A worker that returns nothing for this long is assumed dead. */
const STALL_MS = 30_000;

/** Tiles waiting to be compressed: tile i is bytes[offsets[i]..offsets[i + 1]). */
interface Batch {
  ids: number[];
  offsets: number[];
  bytes: Uint8Array;
}

/** A worker's answer: the batch's input buffer back for reuse, and the gzipped tiles. */
interface BatchResult {
  ids: Float64Array;
  input: ArrayBuffer;
  output: ArrayBuffer;
  offsets: Uint32Array;
  error?: string;
}

// CommonJS run by `new Worker(…, { eval: true })`, so no loader or build step is involved.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { gzipSync } = require('node:zlib');
const { port, signal, level } = workerData;
port.on('message', ({ ids, input, offsets }) => {
  try {
    const bytes = new Uint8Array(input);
    const parts = [];
    const out = new Uint32Array(offsets.length);
    for (let i = 0; i + 1 < offsets.length; i++) {
      const part = gzipSync(bytes.subarray(offsets[i], offsets[i + 1]), { level, chunkSize: ${GZIP_CHUNK_BYTES} });
      part[${GZIP_OS_BYTE}] = ${GZIP_OS_UNKNOWN};
      parts.push(part);
      out[i + 1] = out[i] + part.length;
    }
    const output = new Uint8Array(out[out.length - 1]);
    for (let i = 0; i < parts.length; i++) output.set(parts[i], out[i]);
    port.postMessage({ ids, input, output: output.buffer, offsets: out }, [input, output.buffer]);
  } catch (error) {
    port.postMessage({ ids, input, output: new ArrayBuffer(0), offsets: new Uint32Array(0), error: String((error && error.stack) || error) });
  }
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/**
 * Collects tiles, gzips them (sharing the work with workers when the set is large) and hands
 * back the tile map. `add` copies the bytes, so callers may pass a view of a buffer they reuse.
 */
export class TileCompressor {
  private readonly level: number;
  private readonly workerCount: number;
  private readonly arena: GzipArena;
  private readonly tiles: Map<number, Uint8Array>;
  private workers: { worker: Worker; port: MessagePort; inFlight: number }[] = [];
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private batch: Batch;
  private readonly pending: Batch[] = [];
  /** Input buffers back from workers, for the next batches. */
  private readonly spare: Uint8Array[] = [];
  private outstanding = 0;
  private sentToWorkers = 0;

  constructor(opts: TileCompressorOptions = {}) {
    this.level = opts.level ?? 6;
    this.workerCount = opts.workers ?? Math.min(7, Math.max(0, availableParallelism() - 1));
    this.arena = new GzipArena(this.level);
    this.batch = this.newBatch();
    const spool = opts.spool ?? false;
    this.tiles = spool ? new TileSpool(spool === true ? {} : spool) : new Map();
  }

  /** Batches handed to worker threads so far (the rest were compressed on the calling thread). */
  get workerBatches(): number {
    return this.sentToWorkers;
  }

  /** Queues one tile; its bytes are copied. */
  add(tileId: number, bytes: Uint8Array): void {
    if (this.workerCount === 0) {
      this.tiles.set(tileId, this.arena.gzip(bytes));
      return;
    }
    const batch = this.batch;
    const used = batch.offsets[batch.offsets.length - 1]!;
    if (used + bytes.length > batch.bytes.length) {
      const grown = new Uint8Array(Math.max(batch.bytes.length * 2, used + bytes.length));
      grown.set(batch.bytes.subarray(0, used));
      batch.bytes = grown;
    }
    batch.bytes.set(bytes, used);
    batch.ids.push(tileId);
    batch.offsets.push(used + bytes.length);
    if (used + bytes.length >= BATCH_BYTES) {
      this.pending.push(batch);
      this.batch = this.newBatch();
      this.pump();
    }
  }

  /**
   * Waits for every tile, stops the workers and returns the tiles in tile-id order: a Map, or
   * with `spool` the `TileSpool` they were written to.
   */
  finish(): Map<number, Uint8Array> {
    try {
      if (this.batch.ids.length) this.pending.push(this.batch);
      this.batch = this.newBatch();
      let lastProgress = performance.now();
      for (;;) {
        const seen = Atomics.load(this.signal, 0);
        if (this.drain() > 0) lastProgress = performance.now();
        this.postToIdleWorkers();
        // Share the tail: compress what no worker has taken rather than wait.
        const next = this.pending.pop();
        if (next) this.compressHere(next);
        else if (this.outstanding === 0) break;
        else if (performance.now() - lastProgress > STALL_MS)
          throw new Error(
            `Tile compression stalled: ${this.outstanding} batches unanswered for ${STALL_MS} ms`,
          );
        else Atomics.wait(this.signal, 0, seen, 1000);
      }
    } catch (error) {
      this.abandon();
      throw error;
    } finally {
      this.close();
    }
    // A spool iterates in id order already.
    if (this.tiles instanceof TileSpool) return this.tiles;
    const ids = [...this.tiles.keys()].sort((a, b) => a - b);
    return new Map(ids.map((id) => [id, this.tiles.get(id)!]));
  }

  /** Stops the workers; for callers abandoning the tiles after an error. `finish` does it too. */
  close(): void {
    for (const { worker, port } of this.workers) {
      port.close();
      void worker.terminate();
    }
    this.workers = [];
    this.pending.length = 0;
  }

  /** Stops the workers and drops the tiles so far (closing their spool), after an error. */
  abandon(): void {
    this.close();
    if (this.tiles instanceof TileSpool) this.tiles.close();
  }

  /** Hands pending batches to workers with room, and compresses here when too many wait. */
  private pump(): void {
    if (this.workers.length === 0) this.startWorkers();
    this.drain();
    this.postToIdleWorkers();
    while (this.pending.length > PENDING_LIMIT) this.compressHere(this.pending.pop()!);
  }

  private postToIdleWorkers(): void {
    for (const w of this.workers) {
      while (w.inFlight < IN_FLIGHT_PER_WORKER && this.pending.length > 0) {
        const batch = this.pending.shift()!;
        const { buffer } = batch.bytes;
        const message = {
          ids: Float64Array.from(batch.ids),
          input: buffer,
          offsets: Uint32Array.from(batch.offsets),
        };
        w.port.postMessage(message, [buffer as ArrayBuffer]);
        w.inFlight++;
        this.outstanding++;
        this.sentToWorkers++;
      }
    }
  }

  private compressHere(batch: Batch): void {
    for (let i = 0; i < batch.ids.length; i++) {
      this.tiles.set(
        batch.ids[i]!,
        this.arena.gzip(batch.bytes.subarray(batch.offsets[i], batch.offsets[i + 1])),
      );
    }
    this.spare.push(batch.bytes);
  }

  /** Takes every finished batch off the ports; returns how many. */
  private drain(): number {
    let received = 0;
    for (const w of this.workers) {
      for (let message = receiveMessageOnPort(w.port); message; message = receiveMessageOnPort(w.port)) {
        const result = message.message as BatchResult;
        if (result.error) throw new Error(`Tile compression failed in a worker: ${result.error}`);
        for (let i = 0; i < result.ids.length; i++) {
          const start = result.offsets[i]!;
          this.tiles.set(
            result.ids[i]!,
            new Uint8Array(result.output, start, result.offsets[i + 1]! - start),
          );
        }
        this.spare.push(new Uint8Array(result.input));
        w.inFlight--;
        this.outstanding--;
        received++;
      }
    }
    return received;
  }

  private newBatch(): Batch {
    return { ids: [], offsets: [0], bytes: this.spare.pop() ?? new Uint8Array(BATCH_BYTES * 2) };
  }

  private startWorkers(): void {
    for (let i = 0; i < this.workerCount; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { port: port2, signal: this.signal, level: this.level },
        transferList: [port2],
      });
      worker.unref();
      this.workers.push({ worker, port: port1, inFlight: 0 });
    }
  }
}
