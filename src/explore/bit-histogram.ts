/**
 * Counting the set bits of many 32-bit words per bit position (rows per renovation item) by
 * byte histograms: each word adds 1 to four counters, one per byte and byte value, however many
 * bits it has, and the counts per bit come from the 4 × 256 counters at the end. Cheaper per
 * row than visiting each set bit, and branch-free.
 */

/** Counters a histogram of one word column needs: 256 per byte. */
export const BYTE_HISTOGRAM_SIZE = 4 * 256;

/**
 * Where a word's bytes count: `hist[base + byte * 256 + value]` counts the words whose byte
 * `byte` is `value`. The hot loops (facetCounts, summarise) write the four increments inline,
 * as this does, so that even before the engine optimises them a row costs no call.
 */
export function addToByteHistogram(hist: Uint32Array, base: number, word: number, weight: number): void {
  hist[base + (word & 255)]! += weight;
  hist[base + 256 + ((word >>> 8) & 255)]! += weight;
  hist[base + 512 + ((word >>> 16) & 255)]! += weight;
  hist[base + 768 + (word >>> 24)]! += weight;
}

/** Adds the words counted in `hist` (from `base`) to `out[offset + b]` for each bit b they have set. */
export function bitCountsOfHistogram(
  hist: Uint32Array,
  base: number,
  out: Uint32Array,
  offset: number,
): void {
  for (let byte = 0; byte < 4; byte++)
    for (let value = 1; value < 256; value++) {
      const n = hist[base + byte * 256 + value]!;
      if (!n) continue;
      // Each set bit once: lowest first, cleared as counted.
      for (let v = value; v; v &= v - 1) out[offset + byte * 8 + 31 - Math.clz32(v & -v)]! += n;
    }
}
