import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from './test-utils';
import { TileSpool } from './tile-spool';

/** Random bytes, so no two tiles are alike. */
function bytesOf(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

describe('TileSpool', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spool-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back every tile as written, across its write buffer and beyond it', () => {
    const spool = new TileSpool({ dir });
    const expected = new Map<number, Uint8Array>();
    // Sizes from a few bytes to past the 1 MiB write buffer, ids out of order.
    const sizes = [3, 70_000, 900_000, 1, 1_500_000, 4096, 600_000, 12];
    sizes.forEach((size, k) => {
      const id = (k * 7919) % 101;
      const bytes = bytesOf(size, k + 1);
      expected.set(id, bytes);
      spool.set(id, bytes);
    });
    expect(spool.size).toBe(sizes.length);
    expect(spool.fileBytes).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(spool.tileBytes).toBe(spool.fileBytes);
    expect([...spool.keys()]).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const [id, bytes] of expected)
      expect(Buffer.from(spool.get(id)!).equals(bytes), `tile ${id}`).toBe(true);
    expect([...spool].map(([id]) => id)).toEqual([...spool.keys()]);
    expect(spool.get(1000)).toBeUndefined();
    spool.close();
  });

  it('points an id set again at its new bytes', () => {
    const spool = new TileSpool({ dir });
    spool.set(5, Uint8Array.from([1, 2]));
    spool.set(2, Uint8Array.from([9]));
    spool.set(5, Uint8Array.from([3, 4, 5]));
    expect(spool.size).toBe(2);
    expect(spool.tileBytes).toBe(4);
    expect([...spool.get(5)!]).toEqual([3, 4, 5]);
    expect([...spool.keys()]).toEqual([2, 5]);
    expect(spool.delete(2)).toBe(true);
    expect([...spool.keys()]).toEqual([5]);
    spool.close();
  });

  it('leaves no file in its folder, and cannot be read once closed', () => {
    const spool = new TileSpool({ dir });
    spool.set(1, bytesOf(2_000_000, 3));
    expect(readdirSync(dir)).toEqual([]);
    spool.close();
    expect(() => spool.get(1)).toThrow(/after close/);
  });
});
