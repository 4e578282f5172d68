import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './test-utils';
import { TileCompressor } from './tile-compressor';
import { TileSpool } from './tile-spool';

/** 800 tiles of 0.5–3 KB that barely compress, so batches fill and go to workers. */
function tiles(): [number, Uint8Array][] {
  const random = seededRandom(5);
  return Array.from({ length: 800 }, (_, i) => {
    const bytes = new Uint8Array(500 + Math.floor(random() * 2500));
    for (let j = 0; j < bytes.length; j++) bytes[j] = random() < 0.3 ? 7 : Math.floor(random() * 256);
    return [1000 + i * 3, bytes];
  });
}

describe('TileCompressor', () => {
  it('gzips on worker threads and returns the same bytes as the calling thread alone', () => {
    const input = tiles();
    const threaded = new TileCompressor({ workers: 2 });
    const alone = new TileCompressor({ workers: 0 });
    // A reused buffer, as the tilers pass: add() must copy.
    const scratch = new Uint8Array(4096);
    for (const [id, bytes] of input) {
      scratch.set(bytes);
      threaded.add(id, scratch.subarray(0, bytes.length));
      alone.add(id, bytes);
      scratch.fill(0);
    }
    const fromWorkers = threaded.finish();
    const fromCaller = alone.finish();
    expect(threaded.workerBatches).toBeGreaterThan(0);
    expect(alone.workerBatches).toBe(0);
    expect([...fromWorkers.keys()]).toEqual(input.map(([id]) => id));
    for (const [id, bytes] of input) {
      const gz = fromWorkers.get(id)!;
      expect(Buffer.from(gz).equals(Buffer.from(fromCaller.get(id)!)), `tile ${id}`).toBe(true);
      expect(Buffer.from(gunzipSync(gz)).equals(Buffer.from(bytes)), `tile ${id}`).toBe(true);
      expect(gz[9]).toBe(0xff); // gzip OS byte normalised
    }
  });

  it('spools to a temporary file, when asked, the same bytes it would hold', () => {
    const input = tiles().reverse();
    const spooled = new TileCompressor({ workers: 1, spool: true });
    const held = new TileCompressor({ workers: 0 });
    for (const [id, bytes] of input) {
      spooled.add(id, bytes);
      held.add(id, bytes);
    }
    const fromSpool = spooled.finish();
    const inMemory = held.finish();
    expect(fromSpool).toBeInstanceOf(TileSpool);
    expect(inMemory).not.toBeInstanceOf(TileSpool);
    expect([...fromSpool.keys()]).toEqual([...inMemory.keys()]);
    for (const [id, bytes] of inMemory)
      expect(Buffer.from(fromSpool.get(id)!).equals(Buffer.from(bytes)), `tile ${id}`).toBe(true);
    (fromSpool as TileSpool).close();
  });

  it('returns tiles in id order whatever order they came in', () => {
    const compressor = new TileCompressor({ workers: 0 });
    for (const id of [9, 3, 27, 1]) compressor.add(id, new Uint8Array([id]));
    expect([...compressor.finish().keys()]).toEqual([1, 3, 9, 27]);
  });
});
