/**
 * mulberry32, a tiny seeded PRNG: the one copy behind the national generator, the tile
 * benchmark and the tests that draw random data, so a failure or a run replays from its seed.
 */

/** A generator of floats in [0, 1), the same sequence for the same integer `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
