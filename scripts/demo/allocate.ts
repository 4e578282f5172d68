/**
 * Exact integer splits: the demo must add up to published totals to the last unit, so every
 * split uses the largest-remainder method instead of rounding each share on its own.
 */

/** Options for {@link allocateInteger}. */
export interface AllocateOptions {
  /** Smallest share any part may get (default 0). */
  min?: number;
  /** Largest share per part, e.g. heated households ≤ households (default: no cap). */
  caps?: readonly number[];
}

/** Largest-remainder split of `total` by `weights`, with no bounds. */
function proportional(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const floors = shares.map((s) => Math.floor(s));
  let left = total - floors.reduce((s, f) => s + f, 0);
  // Ties go to the lower index so the result depends only on the inputs.
  const order = shares
    .map((s, i) => ({ i, frac: s - Math.floor(s) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

/**
 * Splits the integer `total` into one integer per weight, proportional to the weights, each at
 * least `min` and at most its cap, summing to `total` exactly. Throws when the bounds make
 * that impossible.
 */
export function allocateInteger(
  total: number,
  weights: readonly number[],
  options: AllocateOptions = {},
): number[] {
  const n = weights.length;
  const min = options.min ?? 0;
  const caps = options.caps ?? weights.map(() => Number.POSITIVE_INFINITY);
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`allocateInteger: total ${total} is not a non-negative integer`);
  if (n === 0) {
    if (total === 0) return [];
    throw new Error(`allocateInteger: cannot split ${total} into zero parts`);
  }
  if (caps.length !== n) throw new Error('allocateInteger: caps and weights differ in length');
  if (weights.some((w) => !(w >= 0)))
    throw new Error('allocateInteger: weights must be non-negative numbers');
  if (min * n > total) throw new Error(`allocateInteger: ${n} parts of at least ${min} exceed ${total}`);
  const capSum = caps.reduce((s, c) => s + c, 0);
  if (capSum < total) throw new Error(`allocateInteger: caps add up to ${capSum}, less than ${total}`);
  if (caps.some((c) => c < min)) throw new Error(`allocateInteger: a cap is below the minimum ${min}`);

  const result = new Array<number>(n).fill(0);
  const fixed = new Array<boolean>(n).fill(false);
  // Parts that overshoot their cap are pinned there and the rest re-split; at most n rounds.
  for (let round = 0; round <= n; round++) {
    const free = weights.map((_, i) => i).filter((i) => !fixed[i]);
    const pinned = result.reduce((s, v, i) => s + (fixed[i] ? v : 0), 0);
    const remaining = total - pinned - min * free.length;
    const extra = proportional(
      remaining,
      free.map((i) => weights[i] ?? 0),
    );
    let overshoot = false;
    free.forEach((i, k) => {
      const value = min + (extra[k] ?? 0);
      const cap = caps[i] ?? Number.POSITIVE_INFINITY;
      if (value > cap) {
        result[i] = cap;
        fixed[i] = true;
        overshoot = true;
      } else {
        result[i] = value;
      }
    });
    if (!overshoot) return result;
  }
  throw new Error('allocateInteger: caps did not converge');
}
