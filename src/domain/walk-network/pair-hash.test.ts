import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../mulberry32';
import { PairHash } from './pair-hash';

describe('PairHash', () => {
  it('gives dense ids in order of first appearance and the same id to an equal pair', () => {
    const h = new PairHash(4);
    expect(h.intern(120.1, 30.2)).toBe(0);
    expect(h.intern(120.2, 30.2)).toBe(1);
    expect(h.intern(120.1, 30.2)).toBe(0);
    expect(h.intern(30.2, 120.1)).toBe(2);
    expect(h.size).toBe(3);
    expect([...h.pairs()]).toEqual([120.1, 30.2, 120.2, 30.2, 30.2, 120.1]);
  });

  it('tells apart pairs one ulp apart and treats -0 as 0', () => {
    const h = new PairHash();
    const x = 120.123456789;
    const next = x + Number.EPSILON * 128;
    expect(next).not.toBe(x);
    expect(h.intern(x, 30)).not.toBe(h.intern(next, 30));
    expect(h.intern(0, -0)).toBe(h.intern(-0, 0));
  });

  it('agrees with a Map of strings on 200,000 clustered pairs, through many regrowths', () => {
    const rand = mulberry32(7);
    const h = new PairHash(1);
    const ref = new Map<string, number>();
    let mismatches = 0;
    for (let i = 0; i < 200_000; i++) {
      // Few distinct values per axis: many repeats, and keys that differ in one coordinate only.
      const x = 120 + Math.floor(rand() * 500) * 1e-4;
      const y = 30 + Math.floor(rand() * 500) * 1e-4;
      const key = `${x},${y}`;
      let want = ref.get(key);
      if (want === undefined) ref.set(key, (want = ref.size));
      if (h.intern(x, y) !== want) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(h.size).toBe(ref.size);
    expect(h.find(119, 29)).toBe(-1);
  });
});
