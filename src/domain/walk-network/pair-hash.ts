/**
 * An open-addressing hash set of number pairs, interned to dense ids 0, 1, 2, … in order of first
 * appearance. The build merges road vertices by exact coordinates with it (millions of them) and
 * the edge index keys its grid cells with it. A `Map` keyed by `"lng,lat"` strings would cost a
 * string and a map entry per vertex, hundreds of bytes each; this keeps 16 bytes per pair in a
 * Float64Array plus 8 bytes of table per pair at most.
 */

const EMPTY = -1;

// Scratch views that expose a double's bits for hashing.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mix(h: number, k: number): number {
  // murmur3's 32-bit block step: cheap, and spreads clustered coordinates across the table.
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function hashPair(x: number, y: number): number {
  f64[0] = x;
  let h = mix(0x9747b28c, u32[0] as number);
  h = mix(h, u32[1] as number);
  f64[0] = y;
  h = mix(h, u32[0] as number);
  h = mix(h, u32[1] as number);
  // murmur3's finaliser
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Interns pairs of finite numbers (x, y) to dense ids; equality is exact (`-0` equals `0`). */
export class PairHash {
  /** Pair i is `keys[2i]`, `keys[2i+1]`; capacity grows by doubling. */
  private keys: Float64Array;
  private table: Int32Array;
  private mask: number;
  /** Number of distinct pairs interned so far; ids run 0 … size − 1. */
  size = 0;

  /** `expected`: pairs expected, to size the first allocation (it grows as needed). */
  constructor(expected = 1024) {
    const cap = Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, expected))));
    this.keys = new Float64Array(2 * cap);
    // Load ≤ 1/2 keeps linear probing short.
    this.table = new Int32Array(2 * cap).fill(EMPTY);
    this.mask = 2 * cap - 1;
  }

  /** The id of (x, y), adding it when new. */
  intern(x: number, y: number): number {
    // Adding 0 turns -0 into 0, so the two zeros hash alike.
    x += 0;
    y += 0;
    const keys = this.keys;
    let slot = hashPair(x, y) & this.mask;
    for (;;) {
      const id = this.table[slot] as number;
      if (id === EMPTY) break;
      if (keys[2 * id] === x && keys[2 * id + 1] === y) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (2 * id >= keys.length) this.growKeys();
    this.keys[2 * id] = x;
    this.keys[2 * id + 1] = y;
    this.table[slot] = id;
    if (2 * this.size > this.table.length) this.rehash();
    return id;
  }

  /** The id of (x, y), or -1 when it was never interned. */
  find(x: number, y: number): number {
    x += 0;
    y += 0;
    const keys = this.keys;
    let slot = hashPair(x, y) & this.mask;
    for (;;) {
      const id = this.table[slot] as number;
      if (id === EMPTY) return -1;
      if (keys[2 * id] === x && keys[2 * id + 1] === y) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The interned pairs in id order, as a new array of exactly `2 × size` numbers. */
  pairs(): Float64Array {
    return this.keys.slice(0, 2 * this.size);
  }

  private growKeys(): void {
    const bigger = new Float64Array(this.keys.length * 2);
    bigger.set(this.keys);
    this.keys = bigger;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(EMPTY);
    const mask = table.length - 1;
    const keys = this.keys;
    for (let id = 0; id < this.size; id++) {
      let slot = hashPair(keys[2 * id] as number, keys[2 * id + 1] as number) & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * `PairHash` for pairs of 32-bit integers (grid cells): the same open addressing, with the keys in
 * an Int32Array and a hash of the two integers, twice as fast to probe as the float version.
 */
export class IntPairHash {
  private keys: Int32Array;
  private table: Int32Array;
  private mask: number;
  /** Number of distinct pairs interned so far; ids run 0 … size − 1. */
  size = 0;

  /** `expected`: pairs expected, to size the first allocation (it grows as needed). */
  constructor(expected = 1024) {
    const cap = Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, expected))));
    this.keys = new Int32Array(2 * cap);
    this.table = new Int32Array(2 * cap).fill(EMPTY);
    this.mask = 2 * cap - 1;
  }

  /** The id of (x, y), adding it when new; x and y are truncated to 32-bit integers. */
  intern(x: number, y: number): number {
    x |= 0;
    y |= 0;
    let slot = hashInts(x, y) & this.mask;
    for (;;) {
      const id = this.table[slot] as number;
      if (id === EMPTY) break;
      if (this.keys[2 * id] === x && this.keys[2 * id + 1] === y) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size++;
    if (2 * id >= this.keys.length) {
      const bigger = new Int32Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    this.keys[2 * id] = x;
    this.keys[2 * id + 1] = y;
    this.table[slot] = id;
    if (2 * this.size > this.table.length) this.rehash();
    return id;
  }

  /** The id of (x, y), or -1 when it was never interned. */
  find(x: number, y: number): number {
    x |= 0;
    y |= 0;
    const keys = this.keys;
    const table = this.table;
    const mask = this.mask;
    let slot = hashInts(x, y) & mask;
    for (;;) {
      const id = table[slot] as number;
      if (id === EMPTY) return -1;
      if (keys[2 * id] === x && keys[2 * id + 1] === y) return id;
      slot = (slot + 1) & mask;
    }
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(EMPTY);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = hashInts(this.keys[2 * id] as number, this.keys[2 * id + 1] as number) & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}

function hashInts(x: number, y: number): number {
  let h = mix(mix(0x9747b28c, x), y);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
