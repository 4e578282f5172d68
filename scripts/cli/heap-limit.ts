/**
 * The data build's heap limit. V8 caps the old generation near 4 GB on 64-bit machines whatever
 * their memory, while the build's live data grows with the ledger: ten times the national ledger
 * (2 million communities) holds more than that while its rows are normalised. So the build asks
 * for a share of the machine's memory instead, leaving the rest to the OS (page cache, the tile
 * spool) and whatever else runs.
 */

/** Share of the machine's memory the build's heap may take. */
export const HEAP_SHARE = 0.75;

/** The `--max-old-space-size` value, in MiB, for a machine with `totalMemBytes` of memory. */
export function wantedHeapMiB(totalMemBytes: number): number {
  return Math.floor((totalMemBytes / 2 ** 20) * HEAP_SHARE);
}

/** Whether the user set the V8 flag `flag` matches, on node's command line or in NODE_OPTIONS. */
function userGave(
  flag: RegExp,
  opts: { execArgv: readonly string[]; nodeOptions: string | undefined },
): boolean {
  return opts.execArgv.some((a) => flag.test(a)) || flag.test(opts.nodeOptions ?? '');
}

/**
 * The flag to run the build with, or undefined when it needs none: the user set a limit (on the
 * command line or in NODE_OPTIONS), or the current one is already at least the wanted one (a small
 * machine keeps V8's default rather than having it lowered).
 */
export function heapLimitFlag(opts: {
  execArgv: readonly string[];
  nodeOptions: string | undefined;
  /** `v8.getHeapStatistics().heap_size_limit`. */
  currentLimitBytes: number;
  totalMemBytes: number;
}): string | undefined {
  if (userGave(/--max[-_]old[-_]space[-_]size/, opts)) return undefined;
  const wanted = wantedHeapMiB(opts.totalMemBytes);
  if (opts.currentLimitBytes / 2 ** 20 >= wanted) return undefined;
  return `--max-old-space-size=${wanted}`;
}

/**
 * Live heap per byte of input, measured on the national ledger (56.6 MiB of CSV, ~660 MB of
 * live heap at the build's fullest, scripts/bench-build.ts --heap), rounded up.
 */
export const HEAP_BYTES_PER_INPUT_BYTE = 12;

/**
 * Whether inputs of `inputBytes` need more than V8's current limit allows: their estimated live
 * heap passes half of it (garbage collects on top of the live data). Smaller builds run in the
 * process they were started in, as before, without a second process to start and signal.
 */
export function inputNeedsLargerHeap(inputBytes: number, currentLimitBytes: number): boolean {
  return inputBytes * HEAP_BYTES_PER_INPUT_BYTE > currentLimitBytes / 2;
}

/**
 * How far V8 lets the heap grow past what the last full collection left, as its
 * `--heap-growing-percent`. Left to itself, on a machine with a large heap limit V8 allows up to
 * four times: on the national ledger the heap went from 303 MB live to 997 MB before its second
 * full collection, and the build peaked at 1.1–1.2 GB resident for under 400 MB of live data.
 * At 80 % it peaked at 0.92–0.99 GB in the same runs, no slower (scripts/bench-build.ts). At 30 %,
 * measured side by side on 2026-12-05, it peaked at 922–926 MB against 950–966 MB at 80 %
 * without roads, and at 1,031 MB against 1,210 MB with roads, where the graph sits beside the
 * ledger; the time stayed within the runs' noise (52–59 s against 53–55 s, 106 s against 105 s).
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * The flag the build sets on itself (`v8.setFlagsFromString`, read by V8 at every collection),
 * or undefined when the user chose a growth of their own.
 */
export function heapGrowingFlag(opts: {
  execArgv: readonly string[];
  nodeOptions: string | undefined;
}): string | undefined {
  if (userGave(/--heap[-_]growing[-_]percent/, opts)) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}
